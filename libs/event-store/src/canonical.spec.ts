import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { GENESIS_HASH, type HashedEventFields, eventHash, globalChainHash, normalizeNfc } from './canonical';
import type { JsonValue } from './types';

/** The frozen format (ADR 0001) written the generic way: every string through String.prototype.normalize, the whole object through canonicalize. */
const reference = {
  nfc(value: unknown): unknown {
    if (typeof value === 'string') return value.normalize('NFC');
    if (Array.isArray(value)) return value.map((item) => reference.nfc(item));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key.normalize('NFC')] = reference.nfc(item);
      return out;
    }
    return value;
  },
  sha256: (value: unknown) => createHash('sha256').update(canonicalize(value)!, 'utf8').digest('hex'),
  eventHash: (e: HashedEventFields, previousHash: string) =>
    reference.sha256({ data: e.data, eventId: e.eventId, metadata: e.metadata, previousHash, schemaVersion: e.schemaVersion, streamId: e.streamId, type: e.type, version: e.version }),
  globalChainHash: (position: number, streamHash: string, previousGlobalHash: string) => reference.sha256({ position, previousGlobalHash, streamHash }),
};

// Text from every corner that matters: ASCII, Vietnamese precomposed and decomposed, combining marks, singletons (Ω, Å), Hangul, astral characters.
const piece = fc.constantFrom('a', 'Z', '"', '\\', '\n', '\u001f', 'ư', 'ờ', 'e\u0301', 'A\u030a', '\u212b', '\u2126', '\u0340', '\u0344', '\u1100\u1161', '한', '𝒳', '\u00c0', '\u02ff', '\u0300', '\u0374', '\u037e');
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('')));
const json: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(text, tie('value'), { maxKeys: 5 }),
  ),
})).value;
const object = fc.dictionary(text, json, { maxKeys: 6 });
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);

describe('canonical form and hashes (frozen format, ADR 0001)', () => {
  it('hashes a known event to the same values as before (known answer)', () => {
    const data = normalizeNfc({ name: 'Trường'.normalize('NFD'), code: 'U-1', quota: 42, ratio: 0.1, nested: { z: [1, 'b', null, true], a: 'Ω\u2126\u00e9' }, 'e\u0301': 'x' });
    const metadata = normalizeNfc({ actor: 'bench', roles: ['admin'], recordedAt: '2026-12-07T16:00:00.000Z', commandId: '0190e0c2-7b1a-7000-8000-000000000001' });
    const hash = eventHash({ eventId: '0190e0c2-7b1a-7000-8000-000000000000', streamId: 'unit-1', version: 3, type: 'UnitRenamed', schemaVersion: 2, data, metadata }, GENESIS_HASH);
    expect(JSON.stringify(data)).toBe('{"name":"Trường","code":"U-1","quota":42,"ratio":0.1,"nested":{"z":[1,"b",null,true],"a":"ΩΩé"},"é":"x"}');
    expect(hash).toBe('7fe1e455d5741aea6a343e940cfdd329bffd02da65e11eec2e382fe0b18aab99');
    expect(globalChainHash(12345, hash, GENESIS_HASH)).toBe('e6ec63f4113da108d3426cd2da3022a75fd231b2099829c05005c66c8b633944');
  });

  it('normalizeNfc equals String.prototype.normalize on every string, keys included', () => {
    fc.assert(fc.property(json, (value) => expect(normalizeNfc(value)).toStrictEqual(reference.nfc(value))), { numRuns: 2_000 });
  });

  it('a string of code units below U+0300 is its own NFC form (the fast path), checked for every such pair', () => {
    for (let a = 0; a < 0x300; a++) {
      for (let b = 0; b < 0x300; b++) {
        const s = String.fromCharCode(a, b);
        if (s.normalize('NFC') !== s) throw new Error(`U+${a.toString(16)} U+${b.toString(16)} changes under NFC`);
      }
    }
    expect(normalizeNfc('e\u0301')).toBe('\u00e9');
    expect(normalizeNfc('\u00c0\u0300')).toBe('\u00c0\u0300'.normalize('NFC'));
  });

  it('eventHash and globalChainHash equal SHA-256 over canonicalize of the whole object', () => {
    fc.assert(
      fc.property(object, object, fc.uuid(), text, text, fc.nat(), fc.integer({ min: 1, max: 5 }), hex64, fc.nat(), hex64, (data, metadata, eventId, streamId, type, version, schemaVersion, previous, position, previousGlobal) => {
        const fields = { eventId, streamId, version, type, schemaVersion, data, metadata };
        const hash = eventHash(fields, previous);
        expect(hash).toBe(reference.eventHash(fields, previous));
        expect(globalChainHash(position, hash, previousGlobal)).toBe(reference.globalChainHash(position, hash, previousGlobal));
      }),
      { numRuns: 1_000 },
    );
  });
});
