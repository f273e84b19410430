import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { PoolClient } from 'pg';
import { GENESIS_HASH } from '../canonical';
import type { EventStore } from '../event-store.port';
import { quoteIdent } from '../postgres/postgres-migrations';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { EVENT_COLUMNS, type StoredEventRow, toRecordedEvent } from '../row-mapping';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import type { JsonObject, RecordedEvent, StreamHead } from '../types';
import type { StoreKind, StoredCommand } from './backup-format';

/** One consistent, read-only view of a store: the log, its stream heads and its command results as of one instant. */
export interface StoreSnapshot {
  readonly kind: StoreKind;
  readonly position: number;
  readonly events: number;
  readonly streams: number;
  readonly commands: number;
  readonly globalHash: string;
  /** Events after `after`, up to `position`, in position order. */
  eventPage(after: number, limit: number): Promise<RecordedEvent[]>;
  streamHeads(): Promise<StreamHead[]>;
  /** Command results with an id after `after` (code-unit order). */
  commandPage(after: string, limit: number): Promise<StoredCommand[]>;
  /** Ends the read transaction. */
  close(): Promise<void>;
}

interface Counts {
  position: number;
  events: number;
  streams: number;
  commands: number;
  globalHash: string;
}

/** Takes the snapshot on a connection of its own, so that the store (and every other process) may keep appending. */
export function openSnapshot(store: EventStore): Promise<StoreSnapshot> {
  if (store instanceof SqliteEventStore) return Promise.resolve(sqliteSnapshot(store.database.name));
  if (store instanceof PostgresEventStore) return postgresSnapshot(store);
  throw new Error('backup: the store is neither the SQLite nor the PostgreSQL adapter');
}

/** A deferred read transaction in WAL mode: every read sees the database as of the first one. */
function sqliteSnapshot(path: string): StoreSnapshot {
  if (path === ':memory:' || path === '') throw new Error('backup: an in-memory SQLite store cannot be read from another connection');
  const db: Database = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  try {
    db.exec('BEGIN');
    const head = db.prepare('SELECT position, global_hash FROM events ORDER BY position DESC LIMIT 1').get() as { position: number; global_hash: string } | undefined;
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const counts: Counts = { position: head?.position ?? 0, globalHash: head?.global_hash ?? GENESIS_HASH, events: count('events'), streams: count('streams'), commands: count('commands') };
    const events = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`);
    const heads = db.prepare('SELECT stream_id, version, hash FROM streams ORDER BY stream_id');
    const commands = db.prepare('SELECT command_id, result, recorded_at FROM commands WHERE command_id > ? ORDER BY command_id LIMIT ?');
    return {
      kind: 'sqlite',
      ...counts,
      eventPage: async (after, limit) => (events.all(after, limit) as StoredEventRow[]).map(toRecordedEvent),
      streamHeads: async () => (heads.all() as { stream_id: string; version: number; hash: string }[]).map((r) => ({ streamId: r.stream_id, version: r.version, hash: r.hash })),
      commandPage: async (after, limit) =>
        (commands.all(after, limit) as { command_id: string; result: string; recorded_at: string }[]).map((r) => ({
          commandId: r.command_id,
          result: JSON.parse(r.result) as JsonObject,
          recordedAt: r.recorded_at,
        })),
      close: async () => {
        if (db.inTransaction) db.exec('COMMIT');
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * One REPEATABLE READ transaction: every append serialises on the store's advisory lock and takes
 * positions after the previous one is visible, so what a snapshot sees is a prefix of the log.
 */
async function postgresSnapshot(store: PostgresEventStore): Promise<StoreSnapshot> {
  const s = quoteIdent(store.schema);
  const client: PoolClient = await store.connectionPool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ position: string | null; global_hash: string | null; events: string; streams: string; commands: string }>(
      `SELECT (SELECT position FROM ${s}.events ORDER BY position DESC LIMIT 1) AS position,
              (SELECT global_hash FROM ${s}.events ORDER BY position DESC LIMIT 1) AS global_hash,
              (SELECT count(*) FROM ${s}.events) AS events,
              (SELECT count(*) FROM ${s}.streams) AS streams,
              (SELECT count(*) FROM ${s}.commands) AS commands`,
    );
    const [row] = rows;
    const counts: Counts = {
      position: Number(row.position ?? 0),
      globalHash: row.global_hash ?? GENESIS_HASH,
      events: Number(row.events),
      streams: Number(row.streams),
      commands: Number(row.commands),
    };
    return {
      kind: 'postgres',
      ...counts,
      eventPage: async (after, limit) =>
        (await client.query<StoredEventRow>(`SELECT ${EVENT_COLUMNS} FROM ${s}.events WHERE position > $1 ORDER BY position LIMIT $2`, [after, limit])).rows.map(toRecordedEvent),
      streamHeads: async () =>
        (await client.query<{ stream_id: string; version: number; hash: string }>(`SELECT stream_id, version, hash FROM ${s}.streams ORDER BY stream_id`)).rows.map((r) => ({
          streamId: r.stream_id,
          version: r.version,
          hash: r.hash,
        })),
      commandPage: async (after, limit) =>
        (
          await client.query<{ command_id: string; result: JsonObject; recorded_at: Date }>(
            `SELECT command_id, result, recorded_at FROM ${s}.commands WHERE command_id COLLATE "C" > $1 ORDER BY command_id COLLATE "C" LIMIT $2`,
            [after, limit],
          )
        ).rows.map((r) => ({ commandId: r.command_id, result: r.result, recordedAt: r.recorded_at.toISOString() })),
      close: async () => {
        try {
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      },
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
    throw error;
  }
}
