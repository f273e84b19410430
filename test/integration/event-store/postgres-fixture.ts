import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PostgresEventStore } from '@reorg/event-store';
import type { StoreFixture, StoreOptions } from './support';
import type { TamperFixture } from './tamper';

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

/** A throwaway schema, dropped on dispose. */
export async function postgresFixture(): Promise<PostgresFixture> {
  const schema = `es_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const quoted = `"${schema}"`;
  const sql = async <Row extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<Row[]> => {
    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      return (await client.query<Row>(text.replaceAll('$s', quoted), params)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    schema,
    sql,
    open: (options = {}) => PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, ...options }),
    dispose: async () => {
      await sql(`DROP SCHEMA IF EXISTS $s CASCADE`);
    },
  };
}

export async function postgresTamperFixture(): Promise<TamperFixture> {
  const fixture = await postgresFixture();
  return {
    ...fixture,
    tamperer: {
      replaceInData: async (position, search, replacement) => {
        await fixture.sql('UPDATE $s.events SET data = replace(data::text, $1, $2)::jsonb WHERE position = $3', [search, replacement, position]);
      },
      deleteEvent: async (position) => {
        await fixture.sql('DELETE FROM $s.events WHERE position = $1', [position]);
      },
      movePosition: async (from, to) => {
        await fixture.sql('UPDATE $s.events SET position = $1 WHERE position = $2', [to, from]);
      },
    },
  };
}
