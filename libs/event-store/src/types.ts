/** A stream's expected state for an append: an exact version, or one of the named states. */
export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

export const NO_STREAM = 'no_stream' as const;
export const STREAM_EXISTS = 'stream_exists' as const;
export const ANY = 'any' as const;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Metadata supplied by the caller. The store adds `recordedAt` (and `commandId` when given). */
export interface EventMetadataInput {
  actor?: string;
  roles?: string[];
  correlationId?: string;
  causationId?: string;
  effectiveDate?: string;
  [key: string]: JsonValue | undefined;
}

export interface EventMetadata extends EventMetadataInput {
  /** ISO-8601 UTC instant assigned by the store at commit; never decreases with the global position. */
  recordedAt: string;
  commandId?: string;
}

/** An event about to be appended. `type` is an explicit string, never a class name. */
export interface NewEvent<Type extends string = string, Data extends JsonObject = JsonObject> {
  eventId: string;
  type: Type;
  schemaVersion?: number;
  data: Data;
  metadata?: EventMetadataInput;
}

export interface RecordedEvent<Type extends string = string, Data extends JsonObject = JsonObject> {
  eventId: string;
  streamId: string;
  /** 1-based position of the event in its stream. */
  version: number;
  /** 1-based position in the global log; may have gaps on PostgreSQL (rolled-back sequence values). */
  position: number;
  type: Type;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  /** SHA-256 (hex) chaining this event to the previous event of its stream. */
  hash: string;
  /** SHA-256 (hex) chaining this event to the previous event of the global log. */
  globalHash: string;
}

export interface StreamAppend {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: NewEvent[];
}

export interface AppendOptions {
  /** A repeated commandId appends nothing and returns the first append's result. */
  commandId?: string;
}

export interface StreamAppendResult {
  streamId: string;
  /** The stream's version after the append. */
  nextExpectedVersion: number;
  /** Global positions of the appended events, in order. */
  positions: number[];
}

export interface AppendResult {
  streams: StreamAppendResult[];
  /** Global position of the last event written by this append. */
  lastPosition: number;
  /** True when the commandId had already been recorded and nothing was appended. */
  idempotentReplay: boolean;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: Direction;
  /** Inclusive version to start from (forwards: lowest; backwards: highest). */
  fromVersion?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events with a position strictly greater are returned. 0 reads from the start. */
  after?: number;
  maxCount?: number;
  /**
   * `prefix` (default): a gap-free prefix of the log, what a subscriber may checkpoint past; on PostgreSQL it
   * may lag committed events while another transaction is open. `committed`: every event committed when the
   * read starts, gaps possible, what a command deciding now must see (never checkpoint past it).
   */
  consistency?: 'prefix' | 'committed';
}

export interface StreamHead {
  streamId: string;
  version: number;
  hash: string;
}
