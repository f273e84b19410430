import type { PoolClient } from 'pg';
import type { EventStore } from '../event-store.port';
import { quoteIdent } from '../postgres/postgres-migrations';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import type { RecordedEvent, StreamHead } from '../types';
import { BackupRefused, type StoreKind, type StoredCommand } from './backup-format';

/**
 * Writes a backup's rows into an adapter's own tables exactly as they were stored (positions,
 * versions, hashes, recordedAt), all in one transaction: never through an append, which would re-hash and re-time.
 */
export interface RestoreTarget {
  readonly kind: StoreKind;
  /** Opens the transaction, locks out appenders and refuses a store that holds anything. */
  begin(): Promise<void>;
  insertEvents(events: RecordedEvent[]): Promise<void>;
  insertCommands(commands: StoredCommand[]): Promise<void>;
  /** Stream heads, and the position sequence past the restored head. */
  finish(heads: StreamHead[], position: number): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

const HEADS_PER_INSERT = 5_000;

function notEmpty(what: string): BackupRefused {
  return new BackupRefused(
    `the target store is not empty (${what}): a restore never merges into or replaces a log, whose hash chains cannot be joined; ` +
      'point SQLITE_PATH or DATABASE_SCHEMA at a new, empty store',
  );
}

export function openRestoreTarget(store: EventStore): RestoreTarget {
  if (store instanceof SqliteEventStore) return sqliteTarget(store);
  if (store instanceof PostgresEventStore) return postgresTarget(store);
  throw new Error('restore: the store is neither the SQLite nor the PostgreSQL adapter');
}

function sqliteTarget(store: SqliteEventStore): RestoreTarget {
  const db = store.database;
  const insertEvent = db.prepare(
    `INSERT INTO events (position, event_id, stream_id, version, type, schema_version, data, metadata, hash, global_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertHead = db.prepare('INSERT INTO streams (stream_id, version, hash) VALUES (?, ?, ?)');
  const insertCommand = db.prepare('INSERT INTO commands (command_id, result, recorded_at) VALUES (?, ?, ?)');
  return {
    kind: 'sqlite',
    async begin() {
      // The write lock, held to the end: no other connection appends meanwhile.
      db.exec('BEGIN IMMEDIATE');
      const row = db.prepare('SELECT (SELECT max(position) FROM events) AS position, EXISTS (SELECT 1 FROM streams) AS streams, EXISTS (SELECT 1 FROM commands) AS commands').get() as {
        position: number | null;
        streams: number;
        commands: number;
      };
      if (row.position !== null || row.streams || row.commands) {
        db.exec('ROLLBACK');
        throw notEmpty(row.position !== null ? `it holds events up to position ${row.position}` : 'it holds stream heads or command results');
      }
    },
    async insertEvents(events) {
      for (const e of events) {
        insertEvent.run(e.position, e.eventId, e.streamId, e.version, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata), e.hash, e.globalHash);
      }
    },
    async insertCommands(commands) {
      for (const c of commands) insertCommand.run(c.commandId, JSON.stringify(c.result), c.recordedAt);
    },
    async finish(heads) {
      for (const head of heads) insertHead.run(head.streamId, head.version, head.hash);
    },
    async commit() {
      db.exec('COMMIT');
    },
    async rollback() {
      if (db.inTransaction) db.exec('ROLLBACK');
    },
  };
}

function postgresTarget(store: PostgresEventStore): RestoreTarget {
  const s = quoteIdent(store.schema);
  let client: PoolClient | undefined;
  const query = (text: string, values?: unknown[]) => {
    if (!client) throw new Error('restore: no transaction');
    return client.query(text, values);
  };
  const release = (broken: boolean) => {
    client?.release(broken);
    client = undefined;
  };
  return {
    kind: 'postgres',
    async begin() {
      client = await store.connectionPool.connect();
      try {
        await query('BEGIN');
        // The appenders' own lock first (they take it before anything else), then the tables against any other writer.
        await query('SELECT pg_advisory_xact_lock(hashtext($1))', [`reorg-event-store-append:${store.schema}`]);
        await query(`LOCK TABLE ${s}.events, ${s}.streams, ${s}.commands IN EXCLUSIVE MODE`);
        const { rows } = await query(
          `SELECT (SELECT max(position) FROM ${s}.events) AS position, EXISTS (SELECT 1 FROM ${s}.streams) AS streams, EXISTS (SELECT 1 FROM ${s}.commands) AS commands`,
        );
        const row = rows[0] as { position: string | null; streams: boolean; commands: boolean };
        if (row.position !== null || row.streams || row.commands) {
          throw notEmpty(row.position !== null ? `it holds events up to position ${row.position}` : 'it holds stream heads or command results');
        }
      } catch (error) {
        const rolledBack = await query('ROLLBACK').then(() => true, () => false);
        release(!rolledBack);
        throw error;
      }
    },
    async insertEvents(events) {
      if (events.length === 0) return;
      await query(
        `INSERT INTO ${s}.events (position, event_id, stream_id, version, type, schema_version, data, metadata, hash, global_hash)
         SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[], $9::text[], $10::text[])`,
        [
          events.map((e) => e.position),
          events.map((e) => e.eventId),
          events.map((e) => e.streamId),
          events.map((e) => e.version),
          events.map((e) => e.type),
          events.map((e) => e.schemaVersion),
          events.map((e) => JSON.stringify(e.data)),
          events.map((e) => JSON.stringify(e.metadata)),
          events.map((e) => e.hash),
          events.map((e) => e.globalHash),
        ],
      );
    },
    async insertCommands(commands) {
      if (commands.length === 0) return;
      await query(`INSERT INTO ${s}.commands (command_id, result, recorded_at) SELECT * FROM unnest($1::text[], $2::jsonb[], $3::timestamptz[])`, [
        commands.map((c) => c.commandId),
        commands.map((c) => JSON.stringify(c.result)),
        commands.map((c) => c.recordedAt),
      ]);
    },
    async finish(heads, position) {
      for (let start = 0; start < heads.length; start += HEADS_PER_INSERT) {
        const page = heads.slice(start, start + HEADS_PER_INSERT);
        await query(`INSERT INTO ${s}.streams (stream_id, version, hash) SELECT * FROM unnest($1::text[], $2::int[], $3::text[])`, [
          page.map((h) => h.streamId),
          page.map((h) => h.version),
          page.map((h) => h.hash),
        ]);
      }
      // The next append takes a position after the restored head (never one a rolled-back append already used).
      if (position > 0) {
        await query(`SELECT setval('${s}.events_position_seq', GREATEST($1::bigint, (SELECT last_value FROM ${s}.events_position_seq)))`, [position]);
      }
    },
    async commit() {
      try {
        await query('COMMIT');
      } finally {
        release(false);
      }
    },
    async rollback() {
      if (!client) return;
      const rolledBack = await query('ROLLBACK').then(() => true, () => false);
      release(!rolledBack);
    },
  };
}
