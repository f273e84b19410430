import type { Database } from 'better-sqlite3';
import { validateAppends } from '../append-planning';
import { RecordedAtAheadError } from '../errors';
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
  StreamHead,
} from '../types';
import { RecordedAtClock } from '../recorded-at-clock';
import { UpcasterRegistry } from '../upcasting';
import { SqliteBatchWriter } from './sqlite-batch-writer';
import { openSqliteConnection } from './sqlite-connection';
import { type QueuedCommand, SqliteWriterThread } from './sqlite-writer-thread';

/**
 * Where appends are hashed and committed: `worker` (default) in a thread of their own that owns the write
 * connection, so that the caller's event loop only queues and answers; `inline` on the caller's thread
 * (the only choice for ':memory:', which no second connection can see).
 */
export type SqliteWriterMode = 'worker' | 'inline';

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
  writer?: SqliteWriterMode;
  /** How long the writer thread may sit idle before it ends, to start again on the next append (default 60 s). */
  writerIdleMs?: number;
}

const MAX_READ = 10_000;

/**
 * Embedded event store. Durability is synchronous=FULL; throughput comes from group commit: commands
 * queued while the previous transaction is on disk share the next one, each in its own savepoint so one
 * command's failure leaves the others intact. An append is answered after its COMMIT has returned on
 * the write connection; reads run on this thread's own connection, which (WAL) sees every transaction
 * committed before the read starts, so a caller reads its own acknowledged writes (ADR 0027).
 */
export class SqliteEventStore implements EventStore {
  readonly signal = new AppendSignal();
  readonly pollIntervalMs = 250;
  private readonly statements: ReturnType<typeof prepareReadStatements>;
  readonly recordedAtClock: RecordedAtClock;
  private readonly upcasters: UpcasterRegistry;
  private readonly maxBatch: number;
  private readonly thread?: SqliteWriterThread;
  private readonly inline?: SqliteBatchWriter;
  private queue: QueuedCommand[] = [];
  private flushScheduled = false;
  private closed = false;

  private constructor(
    private readonly db: Database,
    options: SqliteEventStoreOptions,
  ) {
    this.recordedAtClock = options.recordedAtClock ?? new RecordedAtClock({ now: options.clock, maxSkewMs: options.maxClockSkewMs });
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.maxBatch = options.maxBatch ?? 1000;
    this.statements = prepareReadStatements(db);
    if ((options.writer ?? 'worker') === 'inline' || options.path === ':memory:') {
      this.inline = new SqliteBatchWriter(db);
    } else {
      this.thread = new SqliteWriterThread(
        { path: options.path, maxBatch: this.maxBatch, maxSkewMs: this.recordedAtClock.maxSkewMs, idleMs: options.writerIdleMs },
        {
          committed: (lastPosition) => this.signal.notify(lastPosition),
          batchFailed: (error) => {
            if (error instanceof RecordedAtAheadError) this.recordedAtClock.reportRefusal(error);
          },
        },
      );
    }
  }

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    // Migrations run here, before the writer thread opens its own connection.
    return new SqliteEventStore(openSqliteConnection(options.path, { migrate: true }), options);
  }

  get writerMode(): SqliteWriterMode {
    return this.thread ? 'worker' : 'inline';
  }

  stats(): { transactions: number; writerRestarts: number; writerIdleRetirements: number } {
    return {
      transactions: this.thread?.transactions ?? this.inline?.transactions ?? 0,
      writerRestarts: this.thread?.restarts ?? 0,
      writerIdleRetirements: this.thread?.idleRetirements ?? 0,
    };
  }

  /** This thread's connection (reads; backup, restore, verification tooling and tests). */
  get database(): Database {
    return this.db;
  }

  /** synchronous and journal_mode as the connection that commits appends runs them. */
  async writerPragmas(): Promise<{ synchronous: number; journalMode: string }> {
    if (this.thread) return this.thread.pragmas();
    return { synchronous: Number(this.db.pragma('synchronous', { simple: true })), journalMode: String(this.db.pragma('journal_mode', { simple: true })) };
  }

  /** For tests: stops the writer thread as a crash would. */
  async crashWriterForTest(): Promise<void> {
    await this.thread?.crashForTest();
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
    if (this.queue.length === 0) return;
    if (this.thread) {
      const commands = this.queue;
      this.queue = [];
      this.thread.send(commands, this.recordedAtClock.nowMs());
      return;
    }
    while (this.queue.length > 0) this.commitInline(this.queue.splice(0, this.maxBatch));
  }

  private commitInline(batch: QueuedCommand[]): void {
    const outcome = this.inline!.commit(batch, (last) => this.recordedAtClock.next(last));
    if (!outcome.outcomes) {
      for (const command of batch) command.reject(outcome.error);
      return;
    }
    const outcomes = outcome.outcomes;
    batch.forEach((command, index) => {
      const result = outcomes[index];
      if (result.ok) command.resolve(result.result);
      else command.reject(result.error);
    });
    this.signal.notify(outcome.lastPosition);
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
    const row = this.statements.lastPosition.get() as { position: number } | undefined;
    return row?.position ?? 0;
  }

  /** One writer, committing in position order: every committed event is safe to read. */
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

  /** Commits what was already queued (every append made before close is answered), then closes both connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.flush();
    await this.thread?.close();
    this.db.close();
  }
}

function prepareReadStatements(db: Database) {
  return {
    lastPosition: db.prepare('SELECT position FROM events ORDER BY position DESC LIMIT 1'),
    streamHeads: db.prepare('SELECT stream_id, version, hash FROM streams ORDER BY stream_id'),
    storeId: db.prepare('SELECT store_id FROM store_identity'),
    globalHashAt: db.prepare('SELECT global_hash FROM events WHERE position = ?'),
    findCommand: db.prepare('SELECT result FROM commands WHERE command_id = ?'),
    readStreamForwards: db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND version >= ? ORDER BY version LIMIT ?`),
    readStreamBackwards: db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND version <= ? ORDER BY version DESC LIMIT ?`),
    readAll: db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
  };
}
