import { createHash } from 'node:crypto';
import type { TimePoint } from '@reorg/read-models/units';

/**
 * A weak validator of the structure: the same (asOf, knownAt, read models' positions, province)
 * gives the same units and bodies. Weak, because `knownAt` in the body reads the clock when not asked for.
 */
export function structureTag(at: TimePoint, positions: string, province?: string): string {
  const narrowed = province === undefined ? '' : `|province=${province}`;
  return `W/"${createHash('sha256').update(`${at.asOf}|${at.knownAt ?? ''}|${positions}${narrowed}`).digest('base64url').slice(0, 27)}"`;
}

/** If-None-Match (RFC 9110 §13.1.2): `*` or any listed tag, compared weakly. */
export function notModified(ifNoneMatch: string, tag: string): boolean {
  const opaque = (value: string) => value.trim().replace(/^W\//, '');
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((candidate) => opaque(candidate) === opaque(tag));
}
