import { type DynamicModule, Inject, Injectable, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, AppConfigModule } from '@reorg/config';
import { EventStoreModule } from '@reorg/event-store';
import { HttpProblemModule } from '@reorg/http';
import { NotifierConsumer, PROPOSALS_INTERNAL_TOPIC, createKafka, notificationTablesOnly } from '@reorg/messaging';
import { ProjectionsModule } from '@reorg/projections';
import type { DataSource } from 'typeorm';
import { NotifierHealthController } from './notifier-health.controller';

@Injectable()
class NotifierLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(NotifierConsumer) private readonly consumer: NotifierConsumer) {}

  onApplicationBootstrap(): Promise<void> {
    return this.consumer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.consumer.stop();
  }
}

/** The notifier (distributed mode): the internal proposals topic → approver notifications in the read-model database, plus health. */
@Module({})
export class NotifierAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (config.kafka.brokers.length === 0) throw new Error('the notifier needs KAFKA_BROKERS');
    const store = config.eventStore;
    return {
      module: NotifierAppModule,
      controllers: [NotifierHealthController],
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel, autoLogging: false } }),
        // ProjectionsModule needs the store token; the notifier itself reads only Kafka.
        EventStoreModule.forRoot(store.kind === 'postgres' ? { kind: 'postgres', databaseUrl: store.databaseUrl, schema: store.schema } : { kind: 'sqlite', sqlitePath: store.sqlitePath }),
        { ...ProjectionsModule.forRoot({ database: config.readModels, projections: [notificationTablesOnly] }), global: true },
        HttpProblemModule.forRoot(),
      ],
      providers: [
        {
          provide: NotifierConsumer,
          inject: [getDataSourceToken()],
          useFactory: (dataSource: DataSource) =>
            new NotifierConsumer(dataSource, { kafka: createKafka({ brokers: config.kafka.brokers, clientId: 'reorg-notifier' }), topic: PROPOSALS_INTERNAL_TOPIC }),
        },
        NotifierLifecycle,
      ],
    };
  }
}
