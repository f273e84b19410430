import { GENESIS_HASH, eventHash, globalChainHash, normalizeNfc } from './canonical';
import { InvalidAppendError, RecordedAtAheadError, VersionConflictError } from './errors';
import type { AppendResult, EventMetadata, ExpectedVersion, JsonObject, JsonValue, StreamAppend, StreamAppendResult } from './types';

/** A row as both adapters store it. */
export interface EventRow {
  position: number;
  eventId: string;
  streamId: string;
  version: number;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  metadata: EventMetadata;
  hash: string;
  globalHash: string;
}

export interface GlobalCursor {
  position: number;
  globalHash: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;
const TYPE = /^[A-Za-z][A-Za-z0-9_.]{0,99}$/;

export function assertExpectedVersion(streamId: string, expected: ExpectedVersion, actual: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === 0) ||
    (expected === 'stream_exists' && actual > 0) ||
    (typeof expected === 'number' && expected === actual);
  if (!ok) throw new VersionConflictError(streamId, expected, actual);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when every string is storable and every number finite: the common case, checked without building a path per value. */
function storable(value: JsonValue): boolean {
  if (typeof value === 'string') return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(storable);
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) if (!storable(key) || !storable(value[key])) return false;
  }
  return true;
}

/** Text every adapter can store: no NUL (PostgreSQL jsonb refuses it), no lone surrogate (not UTF-8). */
function assertStorable(value: JsonValue, path: string): void {
  if (storable(value)) return;
  describeUnstorable(value, path);
}

/** Throws InvalidAppendError naming where the first unstorable value is. */
function describeUnstorable(value: JsonValue, path: string): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw new InvalidAppendError(`${path} contains a NUL character`);
    if (LONE_SURROGATE.test(value)) throw new InvalidAppendError(`${path} contains a lone UTF-16 surrogate`);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => describeUnstorable(item, `${path}[${index}]`));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      describeUnstorable(key, path);
      describeUnstorable(item, `${path}.${key}`);
    }
  } else if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new InvalidAppendError(`${path} is not a finite number`);
  }
}

/** Shape checks that do not need the database; throws InvalidAppendError. */
export function validateAppends(appends: StreamAppend[]): void {
  if (appends.length === 0) throw new InvalidAppendError('an append names at least one stream');
  const seenStreams = new Set<string>();
  const seenEvents = new Set<string>();
  for (const append of appends) {
    if (!STREAM_ID.test(append.streamId)) throw new InvalidAppendError(`invalid stream id "${append.streamId}"`);
    if (seenStreams.has(append.streamId)) throw new InvalidAppendError(`stream ${append.streamId} appears twice in one append`);
    seenStreams.add(append.streamId);
    const expected = append.expectedVersion;
    if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
      throw new InvalidAppendError(`invalid expected version ${expected}`);
    }
    if (append.events.length === 0) throw new InvalidAppendError(`no events for stream ${append.streamId}`);
    for (const event of append.events) {
      if (!UUID.test(event.eventId)) throw new InvalidAppendError(`event id "${event.eventId}" is not a UUID`);
      if (seenEvents.has(event.eventId)) throw new InvalidAppendError(`event id ${event.eventId} appears twice`);
      seenEvents.add(event.eventId);
      if (!TYPE.test(event.type)) throw new InvalidAppendError(`invalid event type "${event.type}"`);
      const schemaVersion = event.schemaVersion ?? 1;
      if (!Number.isInteger(schemaVersion) || schemaVersion < 1) throw new InvalidAppendError(`invalid schema version for ${event.type}`);
      if (event.data === null || typeof event.data !== 'object' || Array.isArray(event.data)) {
        throw new InvalidAppendError(`data of ${event.type} must be an object`);
      }
      assertStorable(event.data, 'data');
      assertStorable((event.metadata ?? {}) as JsonValue, 'metadata');
    }
  }
}

/** How far the log's last recordedAt may lead the clock before appends refuse (a clock stepped back a little). */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 5_000;

/**
 * recordedAt never decreases along the log, and never runs ahead of the clock by more than `maxSkewMs`:
 * within the skew the last recordedAt is kept (a clock stepped back a little); beyond it the append is
 * refused (RecordedAtAheadError) instead of adopting a time from the future. `lastRecordedAt` must be the
 * hashed metadata.recordedAt of the log's last event, never a copy no hash covers.
 */
export function nextRecordedAt(nowMs: number, lastRecordedAt: string | undefined, maxSkewMs = DEFAULT_MAX_CLOCK_SKEW_MS): string {
  const last = lastRecordedAt ? Date.parse(lastRecordedAt) : 0;
  if (Number.isNaN(last) || last - nowMs > maxSkewMs) {
    throw new RecordedAtAheadError(String(lastRecordedAt), new Date(nowMs).toISOString(), maxSkewMs);
  }
  return new Date(Math.max(nowMs, last)).toISOString();
}

/**
 * Turns one stream's append into stored rows, chaining both hashes. `takePosition` hands out the
 * next global position; the cursor is advanced in place.
 */
export function buildStreamRows(
  append: StreamAppend,
  head: { version: number; hash: string } | undefined,
  cursor: GlobalCursor,
  takePosition: () => number,
  recordedAt: string,
  commandId: string | undefined,
): { rows: EventRow[]; result: StreamAppendResult } {
  let version = head?.version ?? 0;
  let streamHash = head?.hash ?? GENESIS_HASH;
  const rows: EventRow[] = [];
  for (const event of append.events) {
    version += 1;
    const position = takePosition();
    const metadata = normalizeNfc({
      ...(event.metadata ?? {}),
      recordedAt,
      ...(commandId ? { commandId } : {}),
    }) as EventMetadata;
    const data = normalizeNfc(event.data);
    const type = event.type;
    const schemaVersion = event.schemaVersion ?? 1;
    const hash = eventHash(
      { eventId: event.eventId.toLowerCase(), streamId: append.streamId, version, type, schemaVersion, data, metadata: metadata as unknown as JsonValue },
      streamHash,
    );
    const globalHash = globalChainHash(position, hash, cursor.globalHash);
    rows.push({ position, eventId: event.eventId.toLowerCase(), streamId: append.streamId, version, type, schemaVersion, data, metadata, hash, globalHash });
    streamHash = hash;
    cursor.position = position;
    cursor.globalHash = globalHash;
  }
  return { rows, result: { streamId: append.streamId, nextExpectedVersion: version, positions: rows.map((r) => r.position) } };
}

export function toAppendResult(streams: StreamAppendResult[], idempotentReplay: boolean): AppendResult {
  const lastPosition = Math.max(0, ...streams.flatMap((s) => s.positions));
  return { streams, lastPosition, idempotentReplay };
}
