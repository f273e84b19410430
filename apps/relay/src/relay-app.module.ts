import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, AppConfigModule } from '@reorg/config';
import { EventStoreModule } from '@reorg/event-store';
import { HttpProblemModule } from '@reorg/http';
import { RelayModule } from '@reorg/messaging';
import { ProjectionsModule } from '@reorg/projections';
import { RelayHealthController } from './relay-health.controller';

/** The relay alone (distributed mode): the global log → Kafka, plus health. Its checkpoint lives in the read-model database. */
@Module({})
export class RelayAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const store = config.eventStore;
    if (config.kafka.brokers.length === 0) throw new Error('the relay needs KAFKA_BROKERS');
    return {
      module: RelayAppModule,
      controllers: [RelayHealthController],
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel, autoLogging: false } }),
        EventStoreModule.forRoot(store.kind === 'postgres' ? { kind: 'postgres', databaseUrl: store.databaseUrl, schema: store.schema } : { kind: 'sqlite', sqlitePath: store.sqlitePath }),
        { ...ProjectionsModule.forRoot({ database: config.readModels, projections: [] }), global: true },
        HttpProblemModule.forRoot(),
        RelayModule.forRoot({ brokers: config.kafka.brokers }),
      ],
    };
  }
}
