import { jsonBodyFault } from './json-body-guard';

describe('jsonBodyFault', () => {
  const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;

  it('counts arrays and objects as levels, scalars as none', () => {
    expect(jsonBodyFault({ a: [{ b: 1 }] }, 3)).toBeUndefined();
    expect(jsonBodyFault({ a: [{ b: {} }] }, 3)).toBe('JSON_TOO_DEEP');
    expect(jsonBodyFault('text', 0)).toBeUndefined();
    expect(jsonBodyFault(undefined, 1)).toBeUndefined();
  });

  it('answers for nesting far beyond the call stack without overflowing', () => {
    expect(jsonBodyFault(nested(64), 64)).toBeUndefined();
    expect(jsonBodyFault(nested(65), 64)).toBe('JSON_TOO_DEEP');
    expect(jsonBodyFault(nested(500_000), 64)).toBe('JSON_TOO_DEEP');
  });

  it('finds numbers that JSON.parse turned into Infinity, at any level', () => {
    expect(jsonBodyFault(JSON.parse('1e309'), 64)).toBe('NUMBER_OUT_OF_RANGE');
    expect(jsonBodyFault(JSON.parse('{"a":[{"b":-1e400}]}'), 64)).toBe('NUMBER_OUT_OF_RANGE');
    expect(jsonBodyFault(JSON.parse('{"a":[1.7976931348623157e308, 5e-324]}'), 64)).toBeUndefined();
  });
});
