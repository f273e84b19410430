import type { PoolClient } from 'pg';

export interface PostgresMigration {
  version: number;
  name: string;
  sql: (schema: string) => string;
}

/** Append-only list: a released migration is never edited, only followed by a new one. */
export const POSTGRES_MIGRATIONS: PostgresMigration[] = [
  {
    version: 1,
    name: 'event log, stream heads, command results',
    sql: (s) => `
      CREATE SEQUENCE ${s}.events_position_seq AS bigint MINVALUE 1;
      CREATE TABLE ${s}.events (
        position bigint PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        stream_id text NOT NULL,
        version integer NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL,
        hash char(64) NOT NULL,
        global_hash char(64) NOT NULL,
        -- readers deliver only rows of transactions older than the oldest one in flight
        tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        UNIQUE (stream_id, version)
      );
      CREATE TABLE ${s}.streams (
        stream_id text PRIMARY KEY,
        version integer NOT NULL,
        hash char(64) NOT NULL
      );
      CREATE TABLE ${s}.commands (
        command_id text PRIMARY KEY,
        result jsonb NOT NULL,
        recorded_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'recordedAt only in the hashed metadata; the store identity',
    // recorded_at copied metadata.recordedAt where no hash covered it. The identity binds read models
    // and idempotency keys to this store (ADR 0017); a restore gets a new one.
    sql: (s) => `
      ALTER TABLE ${s}.events DROP COLUMN recorded_at;
      CREATE TABLE ${s}.store_identity (
        singleton integer PRIMARY KEY CHECK (singleton = 1),
        store_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO ${s}.store_identity (singleton, store_id) VALUES (1, replace(gen_random_uuid()::text, '-', ''));
    `,
  },
];

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Serialised by an advisory lock so that several processes may start at once. */
export async function migratePostgres(client: PoolClient, schema: string, lockKey: string): Promise<void> {
  const s = quoteIdent(schema);
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
  try {
    // The read models create the same schema under their own lock: losing that race is fine.
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`).catch((error: { code?: string }) => {
      if (error.code !== '23505' && error.code !== '42P06') throw error;
    });
    await client.query(`CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${s}.schema_migrations`);
    const applied = new Set(rows.map((r) => r.version));
    for (const migration of POSTGRES_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql(s));
        await client.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
  }
}
