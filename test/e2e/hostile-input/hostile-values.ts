import fc from 'fast-check';

/** Strings no field of the API accepts as an id, date, enum value or code list entry. */
export const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE events; --",
  '1; SELECT pg_sleep(5); --',
  "admin'--",
  '" OR ""="',
  '{"$gt": ""}',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}#{7*7}',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%00',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m\u007f',
  '\r\nX-Injected: 1',
  '\ud800',
  'x\udfffy',
  '🇻🇳💥👩‍👩‍👧',
  '\u202eRTL\u202c',
  'Tru\u031bo\u031b\u0300ng',
  '\u200b',
  '\ufeffBOM',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'prototype',
];

export const BAD_DATES = [
  '2024-02-30',
  '2023-02-29',
  '2024-13-01',
  '2024-00-10',
  '2024-01-32',
  '2024-1-1',
  '24-01-01',
  '2024/01/01',
  '01-01-2024',
  '2024-01-01T00:00:00Z',
  '2024-01-01 ',
  ' 2024-01-01',
  '+002024-01-01',
  '-000001-01-01',
  '99999-01-01',
  '２０２４-０１-０１',
  '0000-00-00',
  '2024-01-01\u0000',
  '',
];

export const BAD_UUIDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-00000000000',
  '00000000-0000-0000-0000-0000000000000',
  'g0000000-0000-0000-0000-000000000000',
  '{00000000-0000-0000-0000-000000000000}',
  '00000000000000000000000000000000',
  ' 00000000-0000-0000-0000-000000000000',
  "00000000-0000-0000-0000-000000000000' OR 1=1 --",
  '00000000-0000-0000-0000-000000000000\u0000',
];

/** Text that is blank once trimmed. */
export const BLANKS = ['', ' ', '   ', '\t\n', '\u3000', '\u00a0'];

const printableAscii = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 5 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.constantFrom(...BAD_DATES, ...BAD_UUIDS), weight: 1 },
);

/** Over every text limit of the API (the longest is 20,000), well under the 1 MiB body limit. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('A', 'ư', '🇻🇳', "'", '<', '\u0000'), fc.integer({ min: 20_001, max: 120_000 }))
  .map(([unit, count]) => unit.repeat(count));

/** Nested arrays or objects `depth` levels deep, as JSON text. */
export function nestedJson(depth: number, kind: 'array' | 'object' = 'array'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** A JSON value that is not a string. */
export const nonString: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);

/** A JSON value that is not a non-negative integer. */
export const notACount: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('40', '1', '', 'NaN', '1e3', -1, -40, 0.5, 1.5, -0.25, true, false, null, [], {}, [1]),
  fc.double({ min: 0.001, max: 1e6, noNaN: true }).filter((value) => !Number.isInteger(value)),
  fc.integer({ max: -1 }),
);

/** Header values a client may send: printable ASCII (node:http refuses control characters). */
export const headerValue = (maxLength = 80): fc.Arbitrary<string> => fc.string({ unit: printableAscii, maxLength });

/** A string that is no valid id, date, enum value, role or count: safe to put where one is expected. */
export const invalidToken: fc.Arbitrary<string> = fc.constantFrom(...HOSTILE_STRINGS, ...BAD_DATES, ...BAD_UUIDS, ...BLANKS);
