import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import {
  type EventRow,
  type GlobalCursor,
  assertExpectedVersion,
  buildStreamRows,
  toAppendResult,
  validateAppends,
} from '../append-planning';
import { GENESIS_HASH } from '../canonical';
import { DuplicateEventIdError } from '../errors';
import type { EventStore, SubscribeOptions, Subscription } from '../event-store.port';
import { EVENT_COLUMNS, type StoredEventRow, toRecordedEvent } from '../row-mapping';
import { AppendSignal, catchUpSubscription, waitForHead } from '../subscription';
import type {
  AppendOptions,
  AppendResult,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  StreamAppendResult,
  StreamHead,
} from '../types';
import { RecordedAtClock } from '../recorded-at-clock';
import { UpcasterRegistry } from '../upcasting';
import { migrateSqlite } from './sqlite-migrations';

export interface SqliteEventStoreOptions {
  path: string;
  clock?: () => number;
  /** How far the log's last recordedAt may lead `clock` before appends refuse (default 5 s). */
  maxClockSkewMs?: number;
  /** Instead of clock and maxClockSkewMs: a shared one (the api counts its refusals). */
  recordedAtClock?: RecordedAtClock;
  upcasters?: UpcasterRegistry;
  /** Most commands committed in one transaction. */
  maxBatch?: number;
}

interface PendingCommand {
  appends: StreamAppend[];
  commandId?: string;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

const MAX_READ = 10_000;

/**
 * Embedded event store. Durability is synchronous=FULL; throughput comes from group commit:
 * commands queued in the same turn of the event loop share one transaction, each in its own
 * savepoint so one command's failure leaves the others intact.
 */
export class SqliteEventStore implements EventStore {
  readonly signal = new AppendSignal();
  readonly pollIntervalMs = 250;
  private readonly statements: ReturnType<typeof prepareStatements>;
  readonly recordedAtClock: RecordedAtClock;
  private readonly upcasters: UpcasterRegistry;
  private readonly maxBatch: number;
  private queue: PendingCommand[] = [];
  private flushScheduled = false;
  private transactions = 0;
  private closed = false;

  private constructor(private readonly db: Database, options: SqliteEventStoreOptions) {
    this.recordedAtClock = options.recordedAtClock ?? new RecordedAtClock({ now: options.clock, maxSkewMs: options.maxClockSkewMs });
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.maxBatch = options.maxBatch ?? 1000;
    this.statements = prepareStatements(db);
  }

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    const db = new BetterSqlite3(options.path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 10000');
    // Durability is unchanged; a larger page cache and rarer checkpoints cut the pages each commit writes.
    db.pragma('cache_size = -65536');
    db.pragma('wal_autocheckpoint = 10000');
    migrateSqlite(db);
    return new SqliteEventStore(db, options);
  }

  stats(): { transactions: number } {
    return { transactions: this.transactions };
  }

  /** The underlying connection, for backup, verification tooling and tests. */
  get database(): Database {
    return this.db;
  }

  appendToStream(streamId: string, expectedVersion: ExpectedVersion, events: NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    return this.appendMultiple([{ streamId, expectedVersion, events }], options);
  }

  appendMultiple(appends: StreamAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    try {
      validateAppends(appends);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ appends, commandId: options.commandId, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.commitBatch(batch);
    }
  }

  private commitBatch(batch: PendingCommand[]): void {
    const outcomes: ({ ok: true; result: AppendResult } | { ok: false; error: unknown })[] = [];
    const s = this.statements;
    let lastPosition = 0;
    try {
      s.begin.run();
      const head = s.lastEvent.get() as { position: number; global_hash: string; recorded_at: string | null } | undefined;
      const cursor: GlobalCursor = { position: head?.position ?? 0, globalHash: head?.global_hash ?? GENESIS_HASH };
      const recordedAt = this.recordedAtClock.next(head ? head.recorded_at : undefined);
      for (const command of batch) {
        const saved = { ...cursor };
        s.savepoint.run();
        try {
          outcomes.push({ ok: true, result: this.applyCommand(command, cursor, recordedAt) });
          s.release.run();
        } catch (error) {
          s.rollbackTo.run();
          s.release.run();
          Object.assign(cursor, saved);
          outcomes.push({ ok: false, error: this.translateError(error, command) });
        }
      }
      s.commit.run();
      this.transactions += 1;
      lastPosition = cursor.position;
    } catch (error) {
      if (this.db.inTransaction) s.rollback.run();
      for (const command of batch) command.reject(error);
      return;
    }
    batch.forEach((command, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) command.resolve(outcome.result);
      else command.reject(outcome.error);
    });
    this.signal.notify(lastPosition);
  }

  private applyCommand(command: PendingCommand, cursor: GlobalCursor, recordedAt: string): AppendResult {
    const s = this.statements;
    if (command.commandId) {
      const previous = s.findCommand.get(command.commandId) as { result: string } | undefined;
      if (previous) return { ...(JSON.parse(previous.result) as AppendResult), idempotentReplay: true };
    }
    const results: StreamAppendResult[] = [];
    for (const append of command.appends) {
      const head = s.streamHead.get(append.streamId) as { version: number; hash: string } | undefined;
      assertExpectedVersion(append.streamId, append.expectedVersion, head?.version ?? 0);
      const { rows, result } = buildStreamRows(append, head, cursor, () => cursor.position + 1, recordedAt, command.commandId);
      for (const row of rows) insertRow(s.insertEvent, row);
      const last = rows[rows.length - 1];
      s.upsertStream.run(append.streamId, last.version, last.hash);
      results.push(result);
    }
    const result = toAppendResult(results, false);
    if (command.commandId) s.insertCommand.run(command.commandId, JSON.stringify(result), recordedAt);
    return result;
  }

  private translateError(error: unknown, command: PendingCommand): unknown {
    // No instanceof: native addon errors may come from another realm (jest's VM contexts).
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    if (code !== 'SQLITE_CONSTRAINT_UNIQUE' || !/events\.event_id/.test(String(message))) return error;
    const ids = command.appends.flatMap((append) => append.events.map((event) => event.eventId.toLowerCase()));
    const duplicate = ids.find((id) => this.statements.eventExists.get(id) !== undefined) ?? ids[0];
    return new DuplicateEventIdError(duplicate);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = Math.min(options.maxCount ?? MAX_READ, MAX_READ);
    const rows = (
      options.direction === 'backwards'
        ? this.statements.readStreamBackwards.all(streamId, options.fromVersion ?? Number.MAX_SAFE_INTEGER, limit)
        : this.statements.readStreamForwards.all(streamId, options.fromVersion ?? 1, limit)
    ) as StoredEventRow[];
    return rows.map((row) => this.upcasters.apply(toRecordedEvent(row)));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return (await this.readAllRaw(options)).map((event) => this.upcasters.apply(event));
  }

  async readAllRaw(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = Math.min(options.maxCount ?? MAX_READ, MAX_READ);
    const rows = this.statements.readAll.all(options.after ?? 0, limit) as StoredEventRow[];
    return rows.map(toRecordedEvent);
  }

  async streamHeads(): Promise<StreamHead[]> {
    const rows = this.statements.streamHeads.all() as { stream_id: string; version: number; hash: string }[];
    return rows.map((row) => ({ streamId: row.stream_id, version: row.version, hash: row.hash }));
  }

  async headPosition(): Promise<number> {
    const row = this.statements.lastEvent.get() as { position: number } | undefined;
    return row?.position ?? 0;
  }

  /** One writer, one connection: every committed event is safe to read. */
  latestPosition(): Promise<number> {
    return this.headPosition();
  }

  async commandResult(commandId: string): Promise<AppendResult | undefined> {
    const row = this.statements.findCommand.get(commandId) as { result: string } | undefined;
    return row ? { ...(JSON.parse(row.result) as AppendResult), idempotentReplay: true } : undefined;
  }

  async storeId(): Promise<string> {
    return (this.statements.storeId.get() as { store_id: string }).store_id;
  }

  async globalHashAt(position: number): Promise<string | undefined> {
    return (this.statements.globalHashAt.get(position) as { global_hash: string } | undefined)?.global_hash;
  }

  subscribeToAll(handler: (events: RecordedEvent[]) => Promise<void>, options: SubscribeOptions): Subscription {
    return catchUpSubscription(this, handler, options);
  }

  waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    return waitForHead(() => this.headPosition(), this.signal, position, timeoutMs);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.flush();
    this.db.close();
  }
}

function prepareStatements(db: Database) {
  return {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    savepoint: db.prepare('SAVEPOINT command'),
    release: db.prepare('RELEASE command'),
    rollbackTo: db.prepare('ROLLBACK TO command'),
    // The clock continues from the hashed metadata.recordedAt, never from a column no hash covers.
    lastEvent: db.prepare("SELECT position, global_hash, json_extract(metadata, '$.recordedAt') AS recorded_at FROM events ORDER BY position DESC LIMIT 1"),
    streamHead: db.prepare('SELECT version, hash FROM streams WHERE stream_id = ?'),
    streamHeads: db.prepare('SELECT stream_id, version, hash FROM streams ORDER BY stream_id'),
    upsertStream: db.prepare(
      'INSERT INTO streams (stream_id, version, hash) VALUES (?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, hash = excluded.hash',
    ),
    insertEvent: db.prepare(
      `INSERT INTO events (position, event_id, stream_id, version, type, schema_version, data, metadata, hash, global_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    storeId: db.prepare('SELECT store_id FROM store_identity'),
    globalHashAt: db.prepare('SELECT global_hash FROM events WHERE position = ?'),
    eventExists: db.prepare('SELECT 1 FROM events WHERE event_id = ?'),
    findCommand: db.prepare('SELECT result FROM commands WHERE command_id = ?'),
    insertCommand: db.prepare('INSERT INTO commands (command_id, result, recorded_at) VALUES (?, ?, ?)'),
    readStreamForwards: db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND version >= ? ORDER BY version LIMIT ?`,
    ),
    readStreamBackwards: db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND version <= ? ORDER BY version DESC LIMIT ?`,
    ),
    readAll: db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
  };
}

function insertRow(statement: Statement, row: EventRow): void {
  statement.run(
    row.position,
    row.eventId,
    row.streamId,
    row.version,
    row.type,
    row.schemaVersion,
    JSON.stringify(row.data),
    JSON.stringify(row.metadata),
    row.hash,
    row.globalHash,
  );
}

