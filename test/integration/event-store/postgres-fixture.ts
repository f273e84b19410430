import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PostgresEventStore } from '@reorg/event-store';
import type { StoreFixture, StoreOptions } from './support';
import type { TamperFixture, Tamperer } from './tamper';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

export interface PostgresFixture extends StoreFixture {
  readonly schema: string;
  open(options?: StoreOptions): Promise<PostgresEventStore>;
  /** Runs SQL on a connection of its own (outside every store), with `$s` standing for the quoted schema. */
  sql<Row extends Record<string, unknown> = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
}

/** Fails (never skips) with a readable message when PostgreSQL does not answer. */
export async function assertPostgresReachable(): Promise<void> {
  const client = new Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is unreachable at ${withoutPassword(DATABASE_URL)} (${(error as Error).message}). ` +
        'Start it (e.g. pg_ctlcluster <version> main start) or set DATABASE_URL; this suite never skips.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

function withoutPassword(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

export type SchemaSql = <Row extends Record<string, unknown> = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<Row[]>;

/** Runs SQL on a connection of its own (outside every store), with `$s` standing for the quoted schema. */
export function schemaSql(schema: string, connectionString = DATABASE_URL): SchemaSql {
  const quoted = `"${schema}"`;
  return async <Row extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<Row[]> => {
    const client = new Client({ connectionString });
    await client.connect();
    try {
      return (await client.query<Row>(text.replaceAll('$s', quoted), params)).rows;
    } finally {
      await client.end();
    }
  };
}

/** A throwaway schema, dropped on dispose. */
export async function postgresFixture(): Promise<PostgresFixture> {
  const schema = `es_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const sql = schemaSql(schema);
  return {
    schema,
    sql,
    open: (options = {}) => PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, ...options }),
    dispose: async () => {
      await sql(`DROP SCHEMA IF EXISTS $s CASCADE`);
    },
  };
}

/** Edits the schema's log through its own connections, as someone with database access could. */
export function postgresTamperer(sql: SchemaSql): Tamperer {
  return {
    replaceInData: async (position, search, replacement) => {
      await sql('UPDATE $s.events SET data = replace(data::text, $1, $2)::jsonb WHERE position = $3', [search, replacement, position]);
    },
    deleteEvent: async (position) => {
      await sql('DELETE FROM $s.events WHERE position = $1', [position]);
    },
    movePosition: async (from, to) => {
      await sql('UPDATE $s.events SET position = $1 WHERE position = $2', [to, from]);
    },
    setRecordedAt: async (position, recordedAt) => {
      await sql("UPDATE $s.events SET metadata = jsonb_set(metadata, '{recordedAt}', to_jsonb($1::text)) WHERE position = $2", [recordedAt, position]);
    },
  };
}

export async function postgresTamperFixture(): Promise<TamperFixture> {
  const fixture = await postgresFixture();
  return { ...fixture, tamperer: postgresTamperer(fixture.sql) };
}
