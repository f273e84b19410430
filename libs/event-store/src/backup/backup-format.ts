import type { JsonObject, JsonValue, RecordedEvent } from '../types';

/** Gzip'd JSON Lines: a header, every event as stored in position order, the command results, a trailer (ADR 0011). */
export const BACKUP_FORMAT = 'reorg-backup/1';

export type StoreKind = 'sqlite' | 'postgres';

export interface BackupHeader {
  kind: 'header';
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  source: StoreKind;
  /** The last position in the backup (the snapshot's head); 0 for an empty store. */
  position: number;
  events: number;
  streams: number;
  commands: number;
  /** The global hash at `position` (64 zeros for an empty store). */
  globalHash: string;
}

export type BackupEventLine = { kind: 'event' } & RecordedEvent;

/** An idempotency record: the result first returned for a commandId, so that a retry after a restore still appends nothing. */
export interface StoredCommand {
  commandId: string;
  result: JsonObject;
  recordedAt: string;
}

export type BackupCommandLine = { kind: 'command' } & StoredCommand;

export interface BackupTrailer {
  kind: 'trailer';
  events: number;
  commands: number;
  /** SHA-256 (hex) over the bytes of every line before the trailer, newlines included. */
  sha256: string;
}

/** A backup file that is not a complete, intact backup of a verified log; nothing is restored from it. */
export class BackupRefused extends Error {
  override readonly name = 'BackupRefused';
}

/** The event line, fields in a fixed order so that a backup reads well with zcat. */
export function eventLine(event: RecordedEvent): BackupEventLine {
  return {
    kind: 'event',
    position: event.position,
    streamId: event.streamId,
    version: event.version,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    hash: event.hash,
    globalHash: event.globalHash,
  };
}

export function toRecordedEventFromLine(line: BackupEventLine): RecordedEvent {
  const { kind: _kind, ...event } = line;
  return event;
}

const HEX64 = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const isObject = (value: unknown): value is Record<string, JsonValue> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isPositive = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;

/** Shape problems of a line, or undefined; the hash chains then vouch for the content. */
export function eventLineProblem(line: Record<string, unknown>): string | undefined {
  if (!isPositive(line.position)) return 'position is not a positive integer';
  if (!isPositive(line.version)) return 'version is not a positive integer';
  if (!isPositive(line.schemaVersion)) return 'schemaVersion is not a positive integer';
  if (typeof line.streamId !== 'string' || line.streamId === '') return 'streamId is missing';
  if (typeof line.type !== 'string' || line.type === '') return 'type is missing';
  if (typeof line.eventId !== 'string' || !UUID.test(line.eventId)) return 'eventId is not a lower-case UUID';
  if (typeof line.hash !== 'string' || !HEX64.test(line.hash)) return 'hash is not 64 hex digits';
  if (typeof line.globalHash !== 'string' || !HEX64.test(line.globalHash)) return 'globalHash is not 64 hex digits';
  if (!isObject(line.data)) return 'data is not an object';
  if (!isObject(line.metadata)) return 'metadata is not an object';
  if (typeof line.metadata.recordedAt !== 'string' || !ISO_INSTANT.test(line.metadata.recordedAt)) return 'metadata.recordedAt is not an ISO-8601 UTC instant';
  return undefined;
}

export function commandLineProblem(line: Record<string, unknown>): string | undefined {
  if (typeof line.commandId !== 'string' || line.commandId === '') return 'commandId is missing';
  if (!isObject(line.result)) return 'result is not an object';
  if (typeof line.recordedAt !== 'string' || Number.isNaN(Date.parse(line.recordedAt))) return 'recordedAt is not an instant';
  return undefined;
}

export function headerProblem(line: Record<string, unknown>): string | undefined {
  if (line.kind !== 'header') return 'the first line is not a backup header';
  if (line.format !== BACKUP_FORMAT) return `format ${JSON.stringify(line.format)} is not ${BACKUP_FORMAT}`;
  if (line.source !== 'sqlite' && line.source !== 'postgres') return 'source is neither sqlite nor postgres';
  if (![line.position, line.events, line.streams, line.commands].every(isCount)) return 'position and counts are not non-negative integers';
  if (typeof line.globalHash !== 'string' || !HEX64.test(line.globalHash)) return 'globalHash is not 64 hex digits';
  return undefined;
}
