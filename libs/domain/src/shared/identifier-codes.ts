/**
 * Unit and governing-body codes are identifiers that people type, read aloud and compare, unique
 * forever; so their alphabet is closed:
 * - Latin letters, Vietnamese ones included (Đ, Ở, …; checked in NFC, where every Vietnamese letter
 *   is one precomposed character, so a stray combining mark is refused), the ASCII digits 0–9, and the
 *   separators `-`, `_`, `.`, `/`;
 * - starting with a letter or a digit;
 * - no spaces, no invisible characters (zero-width space, BOM, bidi controls), no other scripts
 *   (Cyrillic А looks like Latin A);
 * - no compatibility look-alikes: a code must be its own NFKC form, so fullwidth `Ａ-０`, the ligature
 *   `ﬁ` or a superscript `²` are refused (write `A-0`, `fi`, `2`) rather than silently folded.
 * - not shaped like a UUID (8-4-4-4-12 hex digits): wherever a unit or a body is addressed, a UUID is
 *   read as its id and anything else as its code, so a UUID-shaped code could never be reached.
 * Comparison stays case-insensitive and NFC-normalised (codeKey).
 */
const ALPHABET = /^[\p{Script=Latin}0-9][\p{Script=Latin}0-9._/-]*$/u;
/** The shape the edge reads as an id (any version, either case), as zod's guid() does. */
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type CodeFault = 'OUTSIDE_ALPHABET' | 'COMPATIBILITY_CHARACTER' | 'UUID_SHAPED';

/** True when a reference is read as an id rather than a code. */
export const isUuidShaped = (reference: string): boolean => UUID_SHAPE.test(reference.trim());

export function identifierCodeFault(code: string): CodeFault | undefined {
  const composed = code.normalize('NFC').trim(); // as codeKey compares them
  if (composed.normalize('NFKC') !== composed) return 'COMPATIBILITY_CHARACTER';
  if (!ALPHABET.test(composed)) return 'OUTSIDE_ALPHABET';
  if (isUuidShaped(composed)) return 'UUID_SHAPED';
  return undefined;
}

/** Why a code is refused, in words a client can act on; undefined when it is a valid code. */
export function identifierCodeProblem(code: string): string | undefined {
  const fault = identifierCodeFault(code);
  if (fault === 'COMPATIBILITY_CHARACTER') {
    return `code ${JSON.stringify(code)} holds look-alike characters (fullwidth, ligature, superscript…); write it as ${JSON.stringify(code.normalize('NFKC'))}`;
  }
  if (fault === 'OUTSIDE_ALPHABET') {
    return `code ${JSON.stringify(code)} may hold only Latin letters (Vietnamese included), digits 0-9 and - _ . /, starting with a letter or digit (no spaces or invisible characters)`;
  }
  if (fault === 'UUID_SHAPED') {
    return `code ${JSON.stringify(code)} is shaped like a UUID, which is read as an id wherever a unit or governing body is addressed; choose a code that is not 8-4-4-4-12 hex digits`;
  }
  return undefined;
}
