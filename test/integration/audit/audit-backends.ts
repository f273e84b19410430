import { type EventStore, PostgresEventStore } from '@reorg/event-store';
import { requirePostgres, uniqueName } from '@reorg/testing';
import { postgresTamperer, schemaSql } from '../event-store/postgres-fixture';
import { sqliteFixture, sqliteTamperer } from '../event-store/sqlite-fixture';
import { newEvent, readingOwnWrites, uniqueStream } from '../event-store/support';
import type { Tamperer } from '../event-store/tamper';
import { type Forger, postgresForger, sqliteForger } from './forger';

/** One throwaway event store with the means to tamper with it directly and to configure a process on it. */
export interface AuditBackend {
  open(): Promise<EventStore>;
  tamperer: Tamperer;
  forger: Forger;
  /** Environment that points the api or the CLI at this store. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

export async function sqliteAuditBackend(): Promise<AuditBackend> {
  const fixture = await sqliteFixture();
  return {
    open: async () => readingOwnWrites(await fixture.open()),
    tamperer: sqliteTamperer(fixture.path),
    forger: sqliteForger(fixture.path),
    env: { EVENT_STORE: 'sqlite', SQLITE_PATH: fixture.path },
    dispose: () => fixture.dispose(),
  };
}

export async function postgresAuditBackend(): Promise<AuditBackend> {
  const url = requirePostgres();
  const schema = uniqueName('audit');
  const sql = schemaSql(schema, url);
  return {
    open: async () => readingOwnWrites(await PostgresEventStore.connect({ connectionString: url, schema })),
    tamperer: postgresTamperer(sql),
    forger: postgresForger(url, schema),
    env: { EVENT_STORE: 'postgres', DATABASE_URL: url, DATABASE_SCHEMA: schema },
    dispose: async () => {
      await sql('DROP SCHEMA IF EXISTS $s CASCADE');
    },
  };
}

export const AUDIT_BACKENDS: Array<[string, () => Promise<AuditBackend>]> = [
  ['SQLite', sqliteAuditBackend],
  ['PostgreSQL', postgresAuditBackend],
];

/**
 * The log A1 A2 A3 B1 B2 A4 B3 at positions 1..7, one append each (no gaps), as the store tamper
 * tests lay it out; returns the two stream ids.
 */
export async function writeSampleLog(store: EventStore): Promise<{ a: string; b: string }> {
  const a = uniqueStream('unit');
  const b = uniqueStream('body');
  const layout: Array<[string, number]> = [[a, 1], [a, 2], [a, 3], [b, 1], [b, 2], [a, 4], [b, 3]];
  for (const [streamId, version] of layout) {
    await store.appendToStream(streamId, version === 1 ? 'no_stream' : version - 1, [newEvent('UnitRenamed', { name: `Quan ${version}` }, { actor: 'kiem.toan', roles: ['admin'] })]);
  }
  return { a, b };
}
