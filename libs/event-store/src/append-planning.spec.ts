import fc from 'fast-check';
import { validateAppends } from './append-planning';
import { InvalidAppendError } from './errors';
import type { JsonObject, JsonValue } from './types';

/** The check as it was written before its fast path: every value walked with its path, the first bad one named. */
function reference(value: JsonValue, path: string): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw new InvalidAppendError(`${path} contains a NUL character`);
    if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) throw new InvalidAppendError(`${path} contains a lone UTF-16 surrogate`);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => reference(item, `${path}[${index}]`));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      reference(key, path);
      reference(item, `${path}.${key}`);
    }
  } else if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new InvalidAppendError(`${path} is not a finite number`);
  }
}

const outcome = (run: () => void): string => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
};

// Mostly good text, sometimes a NUL, a lone surrogate (either half) or a well-formed pair; numbers sometimes NaN or infinite.
const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 6 }), fc.constantFrom('a\u0000b', '\ud800', 'x\udc00', '\ud83d\ude00', 'Trường', ''));
const json: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.double(),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -1.5),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(text, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const object = fc.dictionary(text, json, { maxKeys: 5 }) as fc.Arbitrary<JsonObject>;

describe('validateAppends: storable data and metadata', () => {
  it('accepts and refuses exactly what the full walk does, naming the same place', () => {
    let refused = 0;
    fc.assert(
      fc.property(object, object, (data, metadata) => {
        const event = { eventId: '0190e0c2-7b1a-7000-8000-000000000000', type: 'UnitRenamed', data, metadata };
        const expected = outcome(() => {
          reference(data, 'data');
          reference(metadata, 'metadata');
        });
        if (expected !== 'ok') refused += 1;
        expect(outcome(() => validateAppends([{ streamId: 'unit-1', expectedVersion: 'any', events: [event] }]))).toBe(expected);
      }),
      { numRuns: 3_000 },
    );
    // The generator must exercise both answers.
    expect(refused).toBeGreaterThan(300);
  });
});
