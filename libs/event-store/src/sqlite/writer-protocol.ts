import { DuplicateEventIdError, InvalidAppendError, RecordedAtAheadError, VersionConflictError } from '../errors';
import type { AppendResult, ExpectedVersion } from '../types';
import type { WriteCommand } from './sqlite-batch-writer';

/** What the main thread hands the writer thread at start. */
export interface WriterConfig {
  path: string;
  maxBatch: number;
  maxSkewMs: number;
  /** How long a writer may sit idle before it ends (default 60 s; main thread only). */
  idleMs?: number;
}

/** Main → writer. `nowMs` is the main thread's clock when the commands were sent (the store's recordedAt clock). */
export type ToWriter =
  | { type: 'append'; nowMs: number; commands: (WriteCommand & { id: number })[] }
  | { type: 'pragmas' }
  | { type: 'close' };

export type WireOutcome = { id: number; ok: true; result: AppendResult } | { id: number; ok: false; error: WireError };

/** Writer → main. Every `committed` is posted after its COMMIT returned (the WAL is on disk). */
export type FromWriter =
  | { type: 'ready' }
  | { type: 'committed'; outcomes: WireOutcome[]; lastPosition: number; transactions: number }
  | { type: 'failed'; ids: number[]; error: WireError; transactions: number }
  | { type: 'pragmas'; synchronous: number; journalMode: string }
  | { type: 'closed' }
  | { type: 'crashed'; error: WireError };

/** An error as it crosses the thread boundary: its class by name, its code and its own fields. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
  fields: Record<string, unknown>;
}

export function toWireError(error: unknown): WireError {
  if (!(error instanceof Object)) return { name: 'Error', message: String(error), fields: {} };
  const { name, message, code, stack, ...fields } = error as Error & { code?: unknown } & Record<string, unknown>;
  return {
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : String(error),
    code: typeof code === 'string' ? code : undefined,
    stack: typeof stack === 'string' ? stack : undefined,
    // Own enumerable fields only (streamId, expectedVersion, …): plain data that clones.
    fields: JSON.parse(JSON.stringify(fields)) as Record<string, unknown>,
  };
}

/** The same class, code and fields on this side: callers test errors with instanceof and by code. */
export function fromWireError(wire: WireError): Error {
  const f = wire.fields;
  let error: Error;
  switch (wire.code) {
    case 'VERSION_CONFLICT':
      error = new VersionConflictError(String(f.streamId), f.expectedVersion as ExpectedVersion, Number(f.actualVersion));
      break;
    case 'DUPLICATE_EVENT_ID':
      error = new DuplicateEventIdError(String(f.eventId));
      break;
    case 'RECORDED_AT_AHEAD_OF_CLOCK':
      error = new RecordedAtAheadError(String(f.lastRecordedAt), String(f.now), Number(f.maxSkewMs));
      break;
    case 'INVALID_APPEND':
      error = new InvalidAppendError(wire.message);
      break;
    default:
      error = Object.assign(new Error(wire.message), f, wire.code === undefined ? {} : { code: wire.code });
      error.name = wire.name;
  }
  if (wire.stack) error.stack = `${error.stack ?? ''}\n    --- in the SQLite writer thread ---\n${wire.stack}`;
  return error;
}
