import { declaredCharset, invalidUtf8Offset } from './utf8-bodies';

describe('invalidUtf8Offset', () => {
  it.each([
    ['ASCII and Vietnamese', Buffer.from('abc Sở Y tế 🇻🇳', 'utf8'), -1],
    ['C3 28 (lead byte, no continuation)', Buffer.from([0x53, 0xc3, 0x28]), 1],
    ['FF', Buffer.from([0x41, 0xff]), 1],
    ['an encoded surrogate ED A0 80', Buffer.from([0xed, 0xa0, 0x80]), 0],
    ['an overlong C0 AF', Buffer.from([0x41, 0x41, 0xc0, 0xaf]), 2],
    ['an overlong E0 80 AF', Buffer.from([0xe0, 0x80, 0xaf]), 0],
    ['above U+10FFFF F4 90 80 80', Buffer.from([0xf4, 0x90, 0x80, 0x80]), 0],
    ['a truncated E1 80 at the end', Buffer.from([0x41, 0xe1, 0x80]), 1],
  ])('given %s, points at the first bad byte', (_what, bytes, offset) => {
    expect(invalidUtf8Offset(bytes)).toBe(offset);
    // agrees with the strict decoder on whether the bytes are UTF-8
    let strict = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      strict = false;
    }
    expect(strict).toBe(offset === -1);
  });
});

describe('declaredCharset', () => {
  it.each([
    ['application/json', undefined],
    ['application/json; charset=UTF-8', 'utf-8'],
    ['application/json;charset="iso-8859-1"', 'iso-8859-1'],
    ['text/csv; header=present; Charset=latin1', 'latin1'],
  ])('reads %s', (contentType, charset) => {
    expect(declaredCharset(contentType)).toBe(charset);
  });
});
