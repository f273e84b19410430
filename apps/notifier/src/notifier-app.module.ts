import { type DynamicModule, Inject, Injectable, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AppConfig } from '@reorg/config';
import { BackOfficeHealthController, readinessChecks, serviceFoundation } from '@reorg/http';
import { NotifierConsumer, createKafka, notificationTablesOnly } from '@reorg/messaging';
import { ProjectionsModule, storeBindingOf } from '@reorg/projections';
import type { DataSource } from 'typeorm';

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
    return {
      module: NotifierAppModule,
      controllers: [BackOfficeHealthController],
      imports: [
        ...serviceFoundation(config),
        // Durable: its inbox and notifications come from Kafka offsets already committed, not from the log.
        { ...ProjectionsModule.forRoot({ database: { ...config.readModels, durable: true }, projections: [notificationTablesOnly] , runner: { binding: storeBindingOf(config) } }), global: true },
      ],
      providers: [
        {
          provide: NotifierConsumer,
          inject: [getDataSourceToken()],
          useFactory: (dataSource: DataSource) =>
            new NotifierConsumer(dataSource, {
              kafka: createKafka({ brokers: config.kafka.brokers, clientId: 'reorg-notifier' }),
              topic: config.kafka.proposalsTopic,
              groupId: config.kafka.notifierGroupId,
            }),
        },
        NotifierLifecycle,
        // Ready when the read-model database answers and the consumer is in its group; until then names what it waits for.
        readinessChecks([getDataSourceToken(), NotifierConsumer], (dataSource: DataSource, consumer: NotifierConsumer) => [
          { name: 'readModels', failureCode: 'READ_MODELS_UNAVAILABLE', run: async () => (await dataSource.query('SELECT 1'), {}) },
          {
            name: 'consumer',
            failureCode: 'CONSUMER_NOT_CONNECTED',
            run: async () => {
              if (!consumer.connected) throw new Error(`the notifier consumer is waiting for ${consumer.waitingFor}`);
              return { applied: consumer.applied, skipped: consumer.skipped };
            },
          },
        ]),
      ],
    };
  }
}
