import type { EventStore } from '@reorg/event-store';
import { DataSource } from 'typeorm';
import { type ReadModelDatabaseOptions, initializeReadModelDataSource, readModelDataSourceOptions } from '../read-model-database';
import { type OnStoreMismatch, storeBindingOf } from '../store-binding';
import { IdempotencyBinding } from './idempotency-binding.entity';
import { type KeysBindingOptions, bindIdempotencyKeys } from './idempotency-binding';
import { IdempotencyRecord } from './idempotency-record.entity';

/** What the keys' storage needs of the configuration (AppConfig satisfies it). */
export interface IdempotencyKeysConfig {
  eventStore: { kind: 'sqlite'; sqlitePath: string } | { kind: 'postgres'; schema: string };
  readModels: { kind: 'sqlite'; sqlitePath: string } | { kind: 'postgres'; databaseUrl: string; schema: string };
  files: { idempotencySqlitePath: string };
  projections: { onStoreMismatch: OnStoreMismatch };
}

/**
 * On SQLite the keys live in their own file in DATA_DIR, synced on every commit (they are not rebuilt
 * from the log): a second connection to the read-model file would block the event loop on the
 * projection runner's open transactions. On PostgreSQL they share the read-model database.
 */
export function idempotencyDatabase(config: Pick<IdempotencyKeysConfig, 'readModels' | 'files'>): ReadModelDatabaseOptions {
  const { readModels } = config;
  return readModels.kind === 'sqlite'
    ? { kind: 'sqlite', sqlitePath: config.files.idempotencySqlitePath, durable: true }
    : { kind: 'postgres', databaseUrl: readModels.databaseUrl, schema: readModels.schema };
}

export const IDEMPOTENCY_ENTITIES = [IdempotencyRecord, IdempotencyBinding];

export function keysBindingOf(config: IdempotencyKeysConfig): KeysBindingOptions {
  const database = idempotencyDatabase(config);
  const keys = database.kind === 'sqlite' ? `${database.sqlitePath} (in DATA_DIR)` : `PostgreSQL schema "${database.schema}" (table idempotency_keys)`;
  return { ...storeBindingOf(config), keys };
}

/** Opens the keys' database and binds it to the store (see bindIdempotencyKeys); `onMismatch` overrides the configured switch. */
export async function openIdempotencyKeys(
  config: IdempotencyKeysConfig,
  store: EventStore,
  onMismatch = config.projections.onStoreMismatch,
): Promise<{ dataSource: DataSource; outcome: Awaited<ReturnType<typeof bindIdempotencyKeys>> }> {
  const database = idempotencyDatabase(config);
  const dataSource = await initializeReadModelDataSource(new DataSource(readModelDataSourceOptions(database, IDEMPOTENCY_ENTITIES)), database);
  try {
    return { dataSource, outcome: await bindIdempotencyKeys(dataSource, store, { ...keysBindingOf(config), onMismatch }) };
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}
