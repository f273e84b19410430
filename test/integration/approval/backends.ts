import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, PostgresEventStore, SqliteEventStore } from '@reorg/event-store';
import { type Projection, openReadModelDataSource } from '@reorg/projections';
import { createThrowawaySchema } from '@reorg/testing';
import type { DataSource } from 'typeorm';

/** One database (store and read models) that several store instances open, as several processes would. */
export interface SharedBackend {
  openStore(): Promise<EventStore>;
  openReadModels(projections: readonly Projection[]): Promise<DataSource>;
  dispose(): Promise<void>;
}

async function sqliteFile(): Promise<SharedBackend> {
  const dir = mkdtempSync(join(tmpdir(), 'approval-'));
  return {
    openStore: async () => SqliteEventStore.open({ path: join(dir, 'events.sqlite') }),
    openReadModels: (projections) => openReadModelDataSource({ kind: 'sqlite', sqlitePath: join(dir, 'read-models.sqlite') }, projections),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgres(): Promise<SharedBackend> {
  const schema = await createThrowawaySchema('approval');
  return {
    openStore: () => PostgresEventStore.connect({ connectionString: schema.connectionString, schema: schema.name }),
    openReadModels: (projections) => openReadModelDataSource({ kind: 'postgres', databaseUrl: schema.connectionString, schema: `${schema.name}_reads` }, projections),
    dispose: async () => {
      await schema.drop();
      const reads = { ...schema, name: `${schema.name}_reads` };
      const { Client } = await import('pg');
      const client = new Client({ connectionString: reads.connectionString });
      await client.connect();
      await client.query(`drop schema if exists "${reads.name}" cascade`);
      await client.end();
    },
  };
}

export const SHARED_BACKENDS: Array<[string, () => Promise<SharedBackend>]> = [
  ['SQLite file', sqliteFile],
  ['PostgreSQL', postgres],
];
