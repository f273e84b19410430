import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { JsonValue } from './types';

/**
 * Code units below U+0300 (Latin-1, Latin Extended-A and -B, IPA, spacing modifiers) are their own NFC
 * form and compose with nothing before them (every combining mark is at U+0300 or above), so a string
 * made only of them needs no call into ICU; canonical.spec.ts checks every pair of them.
 */
const MAY_CHANGE_UNDER_NFC = /[\u0300-\uffff]/;

function nfc(text: string): string {
  return MAY_CHANGE_UNDER_NFC.test(text) ? text.normalize('NFC') : text;
}

/** Deep NFC normalisation of every string (keys included): the stored form of text. */
export function normalizeNfc<T>(value: T): T {
  if (typeof value === 'string') return nfc(value) as T;
  if (Array.isArray(value)) return value.map((item) => normalizeNfc(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined) continue;
      out[nfc(key)] = normalizeNfc(item);
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

/** One-shot SHA-256 of the UTF-8 text (crypto.hash: no Hash object per call). */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
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
  // The JCS form of { data, eventId, metadata, previousHash, schemaVersion, streamId, type, version }:
  // its keys are written in their sorted order, each value in its own canonical form (canonical.spec.ts
  // compares it with canonicalize over the whole object).
  return sha256Hex(
    `{"data":${canonicalJson(event.data)},"eventId":${canonicalJson(event.eventId)},"metadata":${canonicalJson(event.metadata)}` +
      `,"previousHash":${canonicalJson(previousStreamHash)},"schemaVersion":${canonicalJson(event.schemaVersion)}` +
      `,"streamId":${canonicalJson(event.streamId)},"type":${canonicalJson(event.type)},"version":${canonicalJson(event.version)}}`,
  );
}

/** The global chain links events in position order; it exposes a deleted last event of a stream. */
export function globalChainHash(position: number, streamHash: string, previousGlobalHash: string): string {
  // JCS of { position, previousGlobalHash, streamHash }, keys in sorted order.
  return sha256Hex(`{"position":${canonicalJson(position)},"previousGlobalHash":${canonicalJson(previousGlobalHash)},"streamHash":${canonicalJson(streamHash)}}`);
}
