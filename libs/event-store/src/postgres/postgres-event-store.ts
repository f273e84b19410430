import { Pool, type PoolClient } from 'pg';
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
import { migratePostgres, quoteIdent } from './postgres-migrations';

export interface PostgresEventStoreOptions {
  connectionString: string;
  schema?: string;
  clock?: () => number;
  /** How far the log's last recordedAt may lead `clock` before appends refuse (default 5 s). */
  maxClockSkewMs?: number;
  /** Instead of clock and maxClockSkewMs: a shared one (the api counts its refusals). */
  recordedAtClock?: RecordedAtClock;
  upcasters?: UpcasterRegistry;
  poolSize?: number;
  /** Most commands committed in one transaction. */
  maxBatch?: number;
}

interface PendingCommand {
  appends: StreamAppend[];
  commandId?: string;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

const MAX_READ = 10_000;
/** Rows of transactions at or above the oldest in-flight transaction are not yet safe to read. */
const SAFE = 'tx_id < pg_snapshot_xmin(pg_current_snapshot())';

/**
 * PostgreSQL event store. Appends from every process are serialised by a transaction-level
 * advisory lock (the global hash chain needs its predecessor); throughput comes from batching:
 * every command queued while a transaction is in flight joins the next one.
 */
export class PostgresEventStore implements EventStore {
  readonly signal = new AppendSignal();
  readonly pollIntervalMs = 100;
  private readonly s: string;
  readonly recordedAtClock: RecordedAtClock;
  private readonly upcasters: UpcasterRegistry;
  private readonly maxBatch: number;
  private queue: PendingCommand[] = [];
  private flushing = false;
  private transactions = 0;
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    readonly schema: string,
    options: PostgresEventStoreOptions,
  ) {
    this.s = quoteIdent(schema);
    this.recordedAtClock = options.recordedAtClock ?? new RecordedAtClock({ now: options.clock, maxSkewMs: options.maxClockSkewMs });
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.maxBatch = options.maxBatch ?? 500;
  }

  static async connect(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'public';
    const pool = new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
    pool.on('error', () => undefined); // idle client errors surface on the next query instead
    const client = await pool.connect();
    const onError = () => undefined; // see commitBatch
    client.on('error', onError);
    try {
      await migratePostgres(client, schema, `reorg-event-store-migrate:${schema}`);
    } finally {
      client.off('error', onError);
      client.release();
    }
    return new PostgresEventStore(pool, schema, options);
  }

  stats(): { transactions: number } {
    return { transactions: this.transactions };
  }

  /** Test and tooling access to the connection pool. */
  get connectionPool(): Pool {
    return this.pool;
  }

  async dropSchema(): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS ${this.s} CASCADE`);
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
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      let outcomes: Outcome[];
      try {
        outcomes = await this.commitBatch(batch);
      } catch (error) {
        outcomes = isCommandError(error) ? await this.commitOneByOne(batch) : batch.map(() => ({ ok: false, error }));
      }
      batch.forEach((command, index) => {
        const outcome = outcomes[index];
        if (outcome.ok) command.resolve(outcome.result);
        else command.reject(outcome.error);
      });
      this.signal.notify(0);
    }
    this.flushing = false;
  }

  /** Fallback when a batch hits a constraint: each command alone, so only the culprit fails. */
  private async commitOneByOne(batch: PendingCommand[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (const command of batch) {
      try {
        outcomes.push((await this.commitBatch([command]))[0]);
      } catch (error) {
        outcomes.push({ ok: false, error: await this.translateError(error, command) });
      }
    }
    return outcomes;
  }

  private async commitBatch(batch: PendingCommand[]): Promise<Outcome[]> {
    const client = await this.pool.connect();
    let broken = false;
    // A connection dropped between two queries (a database restart) emits 'error' on the checked-out client;
    // unheard, that ends the process. The next query fails with it anyway.
    const onError = () => (broken = true);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const outcomes = await this.writeBatch(client, batch);
      await client.query('COMMIT');
      this.transactions += 1;
      return outcomes;
    } catch (error) {
      broken = broken || !(await client.query('ROLLBACK').then(() => true, () => false));
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  private async writeBatch(client: PoolClient, batch: PendingCommand[]): Promise<Outcome[]> {
    const s = this.s;
    // Lock first, then take an xid, then positions: xid order = position order = commit order.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1)), pg_current_xact_id()', [`reorg-event-store-append:${this.schema}`]);
    const streamIds = [...new Set(batch.flatMap((c) => c.appends.map((a) => a.streamId)))];
    const commandIds = batch.map((c) => c.commandId).filter((id): id is string => Boolean(id));
    const lastRes = await client.query<{ position: string; global_hash: string; recorded_at: string | null }>(
      `SELECT position, global_hash, metadata->>'recordedAt' AS recorded_at FROM ${s}.events ORDER BY position DESC LIMIT 1`,
    );
    const headsRes = await client.query<{ stream_id: string; version: number; hash: string }>(
      `SELECT stream_id, version, hash FROM ${s}.streams WHERE stream_id = ANY($1::text[])`,
      [streamIds],
    );
    const commandsRes = commandIds.length
      ? await client.query<{ command_id: string; result: AppendResult }>(`SELECT command_id, result FROM ${s}.commands WHERE command_id = ANY($1::text[])`, [commandIds])
      : { rows: [] as { command_id: string; result: AppendResult }[] };
    const heads = new Map(headsRes.rows.map((r) => [r.stream_id, { version: r.version, hash: r.hash }]));
    const recordedCommands = new Map(commandsRes.rows.map((r) => [r.command_id, r.result]));

    // Pass 1: decide which commands are accepted, so that positions are taken only for those.
    const versions = new Map([...heads].map(([id, head]) => [id, head.version]));
    const decisions: ({ kind: 'append' } | { kind: 'replay'; of: string } | { kind: 'error'; error: unknown })[] = [];
    const pendingCommandIds = new Set<string>();
    let eventCount = 0;
    for (const command of batch) {
      if (command.commandId && (recordedCommands.has(command.commandId) || pendingCommandIds.has(command.commandId))) {
        decisions.push({ kind: 'replay', of: command.commandId });
        continue;
      }
      try {
        for (const append of command.appends) assertExpectedVersion(append.streamId, append.expectedVersion, versions.get(append.streamId) ?? 0);
      } catch (error) {
        decisions.push({ kind: 'error', error });
        continue;
      }
      for (const append of command.appends) versions.set(append.streamId, (versions.get(append.streamId) ?? 0) + append.events.length);
      if (command.commandId) pendingCommandIds.add(command.commandId);
      eventCount += command.appends.reduce((n, a) => n + a.events.length, 0);
      decisions.push({ kind: 'append' });
    }

    // Pass 2: positions, hashes and rows for the accepted commands.
    const positions = eventCount
      ? (await client.query<{ p: string }>(`SELECT nextval('${s}.events_position_seq') AS p FROM generate_series(1, $1)`, [eventCount])).rows
          .map((r) => Number(r.p))
          .sort((a, b) => a - b)
      : [];
    let next = 0;
    const last = lastRes.rows[0];
    const cursor: GlobalCursor = { position: last ? Number(last.position) : 0, globalHash: last?.global_hash ?? GENESIS_HASH };
    const recordedAt = this.recordedAtClock.next(last ? last.recorded_at : undefined);
    const rows: EventRow[] = [];
    const newCommands: { id: string; result: AppendResult }[] = [];
    const results = new Map<string, AppendResult>();
    const outcomes: Outcome[] = batch.map((command, index) => {
      const decision = decisions[index];
      if (decision.kind === 'error') return { ok: false, error: decision.error };
      if (decision.kind === 'replay') return { ok: true, result: { ...(recordedCommands.get(decision.of) ?? results.get(decision.of)!), idempotentReplay: true } };
      const streamResults: StreamAppendResult[] = command.appends.map((append) => {
        const built = buildStreamRows(append, heads.get(append.streamId), cursor, () => positions[next++], recordedAt, command.commandId);
        rows.push(...built.rows);
        const tail = built.rows[built.rows.length - 1];
        heads.set(append.streamId, { version: tail.version, hash: tail.hash });
        return built.result;
      });
      const result = toAppendResult(streamResults, false);
      if (command.commandId) {
        results.set(command.commandId, result);
        newCommands.push({ id: command.commandId, result });
      }
      return { ok: true, result };
    });
    if (rows.length === 0) return outcomes;

    await client.query(
      `INSERT INTO ${s}.events (position, event_id, stream_id, version, type, schema_version, data, metadata, hash, global_hash)
       SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[], $9::text[], $10::text[])`,
      [
        rows.map((r) => r.position),
        rows.map((r) => r.eventId),
        rows.map((r) => r.streamId),
        rows.map((r) => r.version),
        rows.map((r) => r.type),
        rows.map((r) => r.schemaVersion),
        rows.map((r) => JSON.stringify(r.data)),
        rows.map((r) => JSON.stringify(r.metadata)),
        rows.map((r) => r.hash),
        rows.map((r) => r.globalHash),
      ],
    );
    const touched = [...new Set(rows.map((r) => r.streamId))];
    await client.query(
      `INSERT INTO ${s}.streams (stream_id, version, hash) SELECT * FROM unnest($1::text[], $2::int[], $3::text[])
       ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, hash = excluded.hash`,
      [touched, touched.map((id) => heads.get(id)!.version), touched.map((id) => heads.get(id)!.hash)],
    );
    if (newCommands.length) {
      await client.query(
        `INSERT INTO ${s}.commands (command_id, result, recorded_at) SELECT c, r, $3 FROM unnest($1::text[], $2::jsonb[]) AS t(c, r)`,
        [newCommands.map((c) => c.id), newCommands.map((c) => JSON.stringify(c.result)), recordedAt],
      );
    }
    return outcomes;
  }

  private async translateError(error: unknown, command: PendingCommand): Promise<unknown> {
    if (!isUniqueViolation(error) || !/event_id/.test(String((error as { constraint?: string }).constraint))) return error;
    const ids = command.appends.flatMap((a) => a.events.map((e) => e.eventId.toLowerCase()));
    const { rows } = await this.pool.query<{ event_id: string }>(`SELECT event_id FROM ${this.s}.events WHERE event_id = ANY($1::uuid[])`, [ids]);
    return new DuplicateEventIdError(rows[0]?.event_id ?? ids[0]);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = Math.min(options.maxCount ?? MAX_READ, MAX_READ);
    const backwards = options.direction === 'backwards';
    const { rows } = await this.pool.query<StoredEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events WHERE stream_id = $1 AND version ${backwards ? '<=' : '>='} $2
       ORDER BY version ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
      [streamId, options.fromVersion ?? (backwards ? 2_147_483_647 : 1), limit],
    );
    return rows.map((row) => this.upcasters.apply(toRecordedEvent(row)));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return (await this.readAllRaw(options)).map((event) => this.upcasters.apply(event));
  }

  async readAllRaw(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = Math.min(options.maxCount ?? MAX_READ, MAX_READ);
    const { rows } = await this.pool.query<StoredEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events WHERE position > $1${options.consistency === 'committed' ? '' : ` AND ${SAFE}`} ORDER BY position LIMIT $2`,
      [options.after ?? 0, limit],
    );
    return rows.map(toRecordedEvent);
  }

  async streamHeads(): Promise<StreamHead[]> {
    const { rows } = await this.pool.query<{ stream_id: string; version: number; hash: string }>(
      `SELECT stream_id, version, hash FROM ${this.s}.streams ORDER BY stream_id`,
    );
    return rows.map((row) => ({ streamId: row.stream_id, version: row.version, hash: row.hash }));
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.pool.query<{ position: string }>(
      `SELECT position FROM ${this.s}.events WHERE ${SAFE} ORDER BY position DESC LIMIT 1`,
    );
    return rows[0] ? Number(rows[0].position) : 0;
  }

  async latestPosition(): Promise<number> {
    const { rows } = await this.pool.query<{ position: string | null }>(`SELECT max(position) AS position FROM ${this.s}.events`);
    return rows[0]?.position ? Number(rows[0].position) : 0;
  }

  async commandResult(commandId: string): Promise<AppendResult | undefined> {
    const { rows } = await this.pool.query<{ result: AppendResult }>(`SELECT result FROM ${this.s}.commands WHERE command_id = $1`, [commandId]);
    return rows[0] ? { ...rows[0].result, idempotentReplay: true } : undefined;
  }

  async storeId(): Promise<string> {
    const { rows } = await this.pool.query<{ store_id: string }>(`SELECT store_id FROM ${this.s}.store_identity`);
    return rows[0].store_id;
  }

  async globalHashAt(position: number): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ global_hash: string }>(`SELECT global_hash FROM ${this.s}.events WHERE position = $1`, [position]);
    return rows[0]?.global_hash;
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
    while (this.flushing || this.queue.length) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.pool.end();
  }
}

/** Data (22xxx) and integrity (23xxx) errors belong to one command: retry the batch's commands one by one. */
function isCommandError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}
