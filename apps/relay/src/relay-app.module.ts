import { type DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@reorg/config';
import { serviceFoundation } from '@reorg/http';
import { RelayModule, defaultTopics } from '@reorg/messaging';
import { ProjectionsModule, storeBindingOf } from '@reorg/projections';
import { RelayHealthController } from './relay-health.controller';

/** The relay alone (distributed mode): the global log → Kafka, plus health. Its checkpoint lives in the read-model database. */
@Module({})
export class RelayAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (config.kafka.brokers.length === 0) throw new Error('the relay needs KAFKA_BROKERS');
    return {
      module: RelayAppModule,
      controllers: [RelayHealthController],
      imports: [
        ...serviceFoundation(config),
        { ...ProjectionsModule.forRoot({ database: config.readModels, projections: [] , runner: { binding: storeBindingOf(config) } }), global: true },
        RelayModule.forRoot({ brokers: config.kafka.brokers, topics: defaultTopics({ ...config.kafka.topics, proposalsTopic: config.kafka.proposalsTopic }) }),
      ],
    };
  }
}
