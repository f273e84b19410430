import { type DynamicModule, Inject, Injectable, Module, type OnModuleDestroy } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { AppConfig } from '@reorg/config';
import { initializeReadModelDataSource, readModelDataSourceOptions, type ReadModelDatabaseOptions } from '@reorg/projections';
import { DataSource } from 'typeorm';
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

@Injectable()
class IdempotencyStoreLifecycle implements OnModuleDestroy {
  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}

  onModuleDestroy(): Promise<void> {
    return this.store.close();
  }
}

/** Idempotency-Key on every POST (a global interceptor), with its records stored durably. */
@Module({})
export class IdempotencyModule {
  static forRoot(config: Pick<AppConfig, 'readModels' | 'files'>): DynamicModule {
    const database = idempotencyDatabase(config);
    return {
      module: IdempotencyModule,
      providers: [
        {
          provide: IdempotencyStore,
          useFactory: async () =>
            new IdempotencyStore(await initializeReadModelDataSource(new DataSource(readModelDataSourceOptions(database, [IdempotencyRecord])), database)),
        },
        IdempotencyStoreLifecycle,
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
