import { type DynamicModule, Inject, Injectable, Logger, Module, type OnModuleDestroy } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { AppConfig } from '@reorg/config';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { initializeReadModelDataSource, readModelDataSourceOptions, type ReadModelDatabaseOptions, storeBindingOf } from '@reorg/projections';
import { DataSource } from 'typeorm';
import { IdempotencyBinding } from './idempotency-binding.entity';
import { type KeysBindingOptions, bindIdempotencyKeys } from './idempotency-binding';
import { IdempotencyRecord } from './idempotency-record.entity';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';

/**
 * On SQLite the keys live in their own file in DATA_DIR, synced on every commit (they are not rebuilt
 * from the log): a second connection to the read-model file would block the event loop on the
 * projection runner's open transactions. On PostgreSQL they share the read-model database.
 */
export function idempotencyDatabase(config: Pick<AppConfig, 'readModels' | 'files'>): ReadModelDatabaseOptions {
  const { readModels } = config;
  return readModels.kind === 'sqlite'
    ? { kind: 'sqlite', sqlitePath: config.files.idempotencySqlitePath, durable: true }
    : { kind: 'postgres', databaseUrl: readModels.databaseUrl, schema: readModels.schema };
}

export const IDEMPOTENCY_ENTITIES = [IdempotencyRecord, IdempotencyBinding];

export function keysBindingOf(config: AppConfig): KeysBindingOptions {
  const database = idempotencyDatabase(config);
  const keys = database.kind === 'sqlite' ? `${database.sqlitePath} (in DATA_DIR)` : `PostgreSQL schema "${database.schema}" (table idempotency_keys)`;
  return { ...storeBindingOf(config), keys };
}

/** Opens the keys' database and binds it to the store (see bindIdempotencyKeys); `onMismatch` overrides the configured switch. */
export async function openIdempotencyKeys(config: AppConfig, store: EventStore, onMismatch = config.projections.onStoreMismatch): Promise<{ dataSource: DataSource; outcome: Awaited<ReturnType<typeof bindIdempotencyKeys>> }> {
  const database = idempotencyDatabase(config);
  const dataSource = await initializeReadModelDataSource(new DataSource(readModelDataSourceOptions(database, IDEMPOTENCY_ENTITIES)), database);
  try {
    return { dataSource, outcome: await bindIdempotencyKeys(dataSource, store, { ...keysBindingOf(config), onMismatch }) };
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

@Injectable()
class IdempotencyStoreLifecycle implements OnModuleDestroy {
  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}

  onModuleDestroy(): Promise<void> {
    return this.store.close();
  }
}

/** Idempotency-Key on every POST (a global interceptor), with its records stored durably and bound to the event store. */
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
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
