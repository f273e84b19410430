import type { Database, Statement } from 'better-sqlite3';
import { type EventRow, type GlobalCursor, assertExpectedVersion, buildStreamRows, toAppendResult } from '../append-planning';
import { GENESIS_HASH } from '../canonical';
import { DuplicateEventIdError } from '../errors';
import type { AppendResult, StreamAppend, StreamAppendResult } from '../types';

/** One command of a group commit: its streams, all or none. */
export interface WriteCommand {
  appends: StreamAppend[];
  commandId?: string;
}

export type CommandOutcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

export interface BatchOutcome {
  /** One per command, in order; undefined when the whole transaction failed (then `error`). */
  outcomes?: CommandOutcome[];
  error?: unknown;
  /** The log's head after the commit. */
  lastPosition: number;
}

/** `last` is the log's last hashed metadata.recordedAt (null when that event has none), undefined for an empty log. */
export type RecordedAtFor = (last: string | null | undefined) => string;

/**
 * Group commit on one connection: the commands share one transaction (synchronous=FULL), each in its
 * own savepoint so that one command's failure leaves the others intact. Runs wherever the write
 * connection lives: in the writer thread, or inline on the caller's thread.
 */
export class SqliteBatchWriter {
  private readonly s: ReturnType<typeof prepareWriteStatements>;
  transactions = 0;

  constructor(private readonly db: Database) {
    this.s = prepareWriteStatements(db);
  }

  commit(batch: WriteCommand[], recordedAtFor: RecordedAtFor): BatchOutcome {
    const outcomes: CommandOutcome[] = [];
    const s = this.s;
    try {
      s.begin.run();
      const head = s.lastEvent.get() as { position: number; global_hash: string; recorded_at: string | null } | undefined;
      const cursor: GlobalCursor = { position: head?.position ?? 0, globalHash: head?.global_hash ?? GENESIS_HASH };
      const recordedAt = recordedAtFor(head ? head.recorded_at : undefined);
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
      return { outcomes, lastPosition: cursor.position };
    } catch (error) {
      if (this.db.inTransaction) s.rollback.run();
      return { error, lastPosition: 0 };
    }
  }

  private applyCommand(command: WriteCommand, cursor: GlobalCursor, recordedAt: string): AppendResult {
    const s = this.s;
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

  private translateError(error: unknown, command: WriteCommand): unknown {
    // No instanceof: native addon errors may come from another realm (jest's VM contexts).
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    if (code !== 'SQLITE_CONSTRAINT_UNIQUE' || !/events\.event_id/.test(String(message))) return error;
    const ids = command.appends.flatMap((append) => append.events.map((event) => event.eventId.toLowerCase()));
    const duplicate = ids.find((id) => this.s.eventExists.get(id) !== undefined) ?? ids[0];
    return new DuplicateEventIdError(duplicate);
  }
}

function prepareWriteStatements(db: Database) {
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
    upsertStream: db.prepare(
      'INSERT INTO streams (stream_id, version, hash) VALUES (?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, hash = excluded.hash',
    ),
    insertEvent: db.prepare(
      `INSERT INTO events (position, event_id, stream_id, version, type, schema_version, data, metadata, hash, global_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    eventExists: db.prepare('SELECT 1 FROM events WHERE event_id = ?'),
    findCommand: db.prepare('SELECT result FROM commands WHERE command_id = ?'),
    insertCommand: db.prepare('INSERT INTO commands (command_id, result, recorded_at) VALUES (?, ?, ?)'),
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
