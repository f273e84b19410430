import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, PostgresEventStore, SqliteEventStore } from '@reorg/event-store';
import { type Projection, openReadModelDataSource } from '@reorg/projections';
import { createThrowawaySchema } from '@reorg/testing';
import type { DataSource } from 'typeorm';

/** A throwaway event store and read-model database that can be opened, closed and re-opened. */
export interface ProjectionBackend {
  openStore(): Promise<EventStore>;
  openReadModels(projections: readonly Projection[]): Promise<DataSource>;
  dispose(): Promise<void>;
}

async function sqliteBackend(): Promise<ProjectionBackend> {
  const dir = mkdtempSync(join(tmpdir(), 'projections-'));
  return {
    openStore: async () => SqliteEventStore.open({ path: join(dir, 'events.sqlite') }),
    openReadModels: (projections) =>
      openReadModelDataSource({ kind: 'sqlite', sqlitePath: join(dir, 'read-models.sqlite') }, projections),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresBackend(): Promise<ProjectionBackend> {
  const storeSchema = await createThrowawaySchema('projection_store');
  const readSchema = await createThrowawaySchema('projection_reads');
  return {
    openStore: () => PostgresEventStore.connect({ connectionString: storeSchema.connectionString, schema: storeSchema.name }),
    openReadModels: (projections) =>
      openReadModelDataSource(
        { kind: 'postgres', databaseUrl: readSchema.connectionString, schema: readSchema.name },
        projections,
      ),
    dispose: async () => {
      await Promise.all([storeSchema.drop(), readSchema.drop()]);
    },
  };
}

export const PROJECTION_BACKENDS: Array<[string, () => Promise<ProjectionBackend>]> = [
  ['SQLite file', sqliteBackend],
  ['PostgreSQL', postgresBackend],
];
