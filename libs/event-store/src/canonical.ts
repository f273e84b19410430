import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { JsonValue } from './types';

/** Deep NFC normalisation of every string (keys included): the stored form of text. */
export function normalizeNfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((item) => normalizeNfc(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      out[key.normalize('NFC')] = normalizeNfc(item);
    }
    return out as T;
  }
  return value;
}

/** RFC 8785 (JCS) canonical JSON. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value has no canonical JSON form');
  return text;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The hash of a stream's first event chains to this value. */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashedEventFields {
  eventId: string;
  streamId: string;
  version: number;
  type: string;
  schemaVersion: number;
  data: JsonValue;
  metadata: JsonValue;
}

/**
 * Frozen format (docs/adr/0001): SHA-256 over the JCS form of the stored, NFC-normalised event and
 * the previous hash of its stream. Changing this breaks every stored chain.
 */
export function eventHash(event: HashedEventFields, previousStreamHash: string): string {
  return sha256Hex(
    canonicalJson({
      data: event.data,
      eventId: event.eventId,
      metadata: event.metadata,
      previousHash: previousStreamHash,
      schemaVersion: event.schemaVersion,
      streamId: event.streamId,
      type: event.type,
      version: event.version,
    }),
  );
}

/** The global chain links events in position order; it exposes a deleted last event of a stream. */
export function globalChainHash(position: number, streamHash: string, previousGlobalHash: string): string {
  return sha256Hex(canonicalJson({ position, previousGlobalHash, streamHash }));
}
