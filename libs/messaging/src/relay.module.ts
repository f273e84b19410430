import { type DynamicModule, Inject, Injectable, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import type { DataSource } from 'typeorm';
import { createKafka } from './kafka-client';
import { Relay } from './relay';
import type { MessagingTopics } from './topics';

export interface RelayModuleOptions {
  brokers: string[];
  clientId?: string;
  topics?: MessagingTopics;
  batchSize?: number;
}

@Injectable()
class RelayLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(Relay) private readonly relay: Relay) {}

  /** Does not wait for the broker: an unreachable broker is retried in the background. */
  onApplicationBootstrap(): Promise<void> {
    return this.relay.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.relay.stop();
  }
}

/** The relay, started with the application. Needs the global EVENT_STORE and the read-model data source. */
@Module({})
export class RelayModule {
  static forRoot(options: RelayModuleOptions): DynamicModule {
    return {
      module: RelayModule,
      providers: [
        {
          provide: Relay,
          inject: [EVENT_STORE, getDataSourceToken()],
          useFactory: (store: EventStore, dataSource: DataSource) =>
            new Relay(store, dataSource, {
              kafka: createKafka({ brokers: options.brokers, clientId: options.clientId ?? 'reorg-relay' }),
              topics: options.topics,
              batchSize: options.batchSize,
            }),
        },
        RelayLifecycle,
      ],
      exports: [Relay],
    };
  }
}
