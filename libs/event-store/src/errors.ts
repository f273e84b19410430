import type { ExpectedVersion } from './types';

/** The stream was not in the expected state: the caller lost a race or read a stale version. */
export class VersionConflictError extends Error {
  readonly code = 'VERSION_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number,
  ) {
    super(`stream ${streamId}: expected version ${String(expectedVersion)}, actual ${actualVersion}`);
    this.name = 'VersionConflictError';
  }
}

/** The append request itself is malformed (empty, duplicate stream in one append, bad ids). */
export class InvalidAppendError extends Error {
  readonly code = 'INVALID_APPEND';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

export class DuplicateEventIdError extends Error {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(readonly eventId: string) {
    super(`event id ${eventId} is already stored`);
    this.name = 'DuplicateEventIdError';
  }
}

/**
 * The log's last recordedAt lies further ahead of this process's clock than the allowed skew: appending
 * would either stamp a time from the future or break recordedAt's order, so nothing is appended until the
 * clock catches up or someone checks the log (a forged or mis-set recordedAt; `cli verify`).
 */
export class RecordedAtAheadError extends Error {
  readonly code = 'RECORDED_AT_AHEAD_OF_CLOCK';
  constructor(
    readonly lastRecordedAt: string,
    readonly now: string,
    readonly maxSkewMs: number,
  ) {
    super(`the log's last recordedAt ${lastRecordedAt} is more than ${maxSkewMs / 1000} s ahead of this clock (${now}); no event is appended until the clock catches up or the log is verified (npm run cli -- verify)`);
    this.name = 'RecordedAtAheadError';
  }
}

/**
 * The SQLite writer thread stopped (crashed, or could not open the store): the appends it held were
 * not acknowledged and may or may not have committed (retry with the same commandId: a committed one
 * is answered from its first result). Every acknowledged append is durable.
 */
export class EventStoreWriterError extends Error {
  readonly code = 'EVENT_STORE_WRITER_STOPPED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreWriterError';
  }
}
