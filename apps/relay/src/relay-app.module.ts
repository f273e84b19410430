import { type DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@reorg/config';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { BackOfficeHealthController, eventStoreCheck, readinessChecks, serviceFoundation } from '@reorg/http';
import { Relay, RelayModule, defaultTopics } from '@reorg/messaging';
import { ProjectionsModule, storeBindingOf } from '@reorg/projections';

/** The relay alone (distributed mode): the global log → Kafka, plus health. Its checkpoint lives in the read-model database. */
@Module({})
export class RelayAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (config.kafka.brokers.length === 0) throw new Error('the relay needs KAFKA_BROKERS');
    return {
      module: RelayAppModule,
      controllers: [BackOfficeHealthController],
      // Ready when the event store answers and the relay runs without failing; reports its position and lag.
      providers: [
        readinessChecks([EVENT_STORE, Relay], (store: EventStore, relay: Relay) => [
          eventStoreCheck(store),
          {
            name: 'relay',
            failureCode: 'RELAY_FAILING',
            run: async () => {
              if (!relay.running) throw new Error('the relay is not running');
              if (relay.failing) throw new Error(`cannot publish to Kafka, stuck after position ${relay.position}`);
              const headPosition = await store.headPosition();
              return { position: relay.position, lag: Math.max(0, headPosition - relay.position), published: relay.publishedCount };
            },
          },
        ]),
      ],
      imports: [
        ...serviceFoundation(config),
        { ...ProjectionsModule.forRoot({ database: config.readModels, projections: [] , runner: { binding: storeBindingOf(config) } }), global: true },
        RelayModule.forRoot({ brokers: config.kafka.brokers, topics: defaultTopics({ ...config.kafka.topics, proposalsTopic: config.kafka.proposalsTopic }) }),
      ],
    };
  }
}
