import { type DynamicModule, Inject, Injectable, Logger, Module, type OnModuleDestroy } from '@nestjs/common';
import type { AppConfig } from '@reorg/config';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { openIdempotencyKeys } from '@reorg/projections';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';

@Injectable()
class IdempotencyStoreLifecycle implements OnModuleDestroy {
  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}

  onModuleDestroy(): Promise<void> {
    return this.store.close();
  }
}

/** Idempotency-Key on every POST (a stage of the edge, CommandEdgeModule), with its records stored durably and bound to the event store. */
@Module({})
export class IdempotencyModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: IdempotencyModule,
      providers: [
        {
          provide: IdempotencyStore,
          inject: [EVENT_STORE],
          useFactory: async (store: EventStore) => {
            const { dataSource, outcome } = await openIdempotencyKeys(config, store);
            if (outcome === 'discarded') new Logger(IdempotencyModule.name).warn('READ_MODELS_ON_MISMATCH=rebuild: discarded the Idempotency-Key answers of another event store');
            if (outcome === 'adopted') new Logger(IdempotencyModule.name).warn('Idempotency-Key answers written before the store binding: adopted for this event store');
            return new IdempotencyStore(dataSource);
          },
        },
        IdempotencyStoreLifecycle,
        IdempotencyInterceptor,
      ],
      exports: [IdempotencyInterceptor],
    };
  }
}
