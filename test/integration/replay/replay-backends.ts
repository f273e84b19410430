import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore, SqliteEventStore } from '@reorg/event-store';
import { openReadModelDataSource } from '@reorg/projections';
import { createThrowawaySchema } from '@reorg/testing';
import type { ProjectionBackend } from '../projections/projection-backends';

/** A throwaway backend, plus the environment under which the CLI finds its event store (and nothing else). */
export interface ReplayBackend extends ProjectionBackend {
  cliEnv: Record<string, string>;
}

export async function sqliteReplayBackend(): Promise<ReplayBackend> {
  const dir = mkdtempSync(join(tmpdir(), 'replay-'));
  const events = join(dir, 'events.sqlite');
  return {
    // The CLI is pointed at a read-model file that never exists: the replay must not need one.
    cliEnv: { EVENT_STORE: 'sqlite', SQLITE_PATH: events, READ_MODEL_SQLITE_PATH: join(dir, 'absent', 'read-models.sqlite') },
    openStore: async () => SqliteEventStore.open({ path: events }),
    openReadModels: (projections) => openReadModelDataSource({ kind: 'sqlite', sqlitePath: join(dir, 'read-models.sqlite') }, projections),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The store and the read models in separate schemas: the CLI is given only the store's. */
export async function postgresReplayBackend(): Promise<ReplayBackend> {
  const storeSchema = await createThrowawaySchema('replay_store');
  const readSchema = await createThrowawaySchema('replay_reads');
  return {
    cliEnv: { EVENT_STORE: 'postgres', DATABASE_URL: storeSchema.connectionString, DATABASE_SCHEMA: storeSchema.name },
    openStore: () => PostgresEventStore.connect({ connectionString: storeSchema.connectionString, schema: storeSchema.name }),
    openReadModels: (projections) =>
      openReadModelDataSource({ kind: 'postgres', databaseUrl: readSchema.connectionString, schema: readSchema.name }, projections),
    dispose: async () => {
      await Promise.all([storeSchema.drop(), readSchema.drop()]);
    },
  };
}

export const REPLAY_BACKENDS: Array<[string, () => Promise<ReplayBackend>]> = [
  ['SQLite', sqliteReplayBackend],
  ['PostgreSQL', postgresReplayBackend],
];
