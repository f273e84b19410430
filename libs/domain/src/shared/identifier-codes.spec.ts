import { identifierCodeFault, identifierCodeProblem } from './identifier-codes';

describe('identifier codes (unit and governing-body codes)', () => {
  it.each(['6f1c2a52-3a0e-4c59-9a43-0d7f2f1b7a1', 'x6f1c2a52-3a0e-4c59-9a43-0d7f2f1b7a11', 'A-0', 'YT-TTYT-01', 'SYT', 'SỞ-TÀI-CHÍNH', 'sở-tài-chính'.normalize('NFD'), 'ĐHĐN_2.1/b', '7A'])('given %s, when checked, then it is a code', (code) => {
    expect(identifierCodeFault(code)).toBeUndefined();
  });

  it.each([
    ['A-\u200b0', 'OUTSIDE_ALPHABET'], // zero-width space
    ['A\ufeff0', 'OUTSIDE_ALPHABET'], // BOM inside (trimmed at the ends, as codeKey does)
    ['A 0', 'OUTSIDE_ALPHABET'],
    ['\u0410-0', 'OUTSIDE_ALPHABET'], // Cyrillic А
    ['A-٠', 'OUTSIDE_ALPHABET'], // Arabic-Indic zero
    ['-A0', 'OUTSIDE_ALPHABET'],
    ['A\u202e0', 'OUTSIDE_ALPHABET'], // right-to-left override
    ['\uff21-0', 'COMPATIBILITY_CHARACTER'], // fullwidth Ａ
    ['A-\uff10', 'COMPATIBILITY_CHARACTER'], // fullwidth ０
    ['\ufb01le', 'COMPATIBILITY_CHARACTER'], // ligature ﬁ
    ['A\u00b2', 'COMPATIBILITY_CHARACTER'], // superscript two
    ['6f1c2a52-3a0e-4c59-9a43-0d7f2f1b7a11', 'UUID_SHAPED'], // read as an id wherever an id or a code is accepted
    ['6F1C2A52-3A0E-4C59-9A43-0D7F2F1B7A11', 'UUID_SHAPED'],
  ])('given %s, when checked, then it is refused as %s', (code, fault) => {
    expect(identifierCodeFault(code)).toBe(fault);
  });

  it('says how to write a look-alike code', () => {
    expect(identifierCodeProblem('\uff21-0')).toContain('"A-0"');
    expect(identifierCodeProblem('A-\u200b0')).toContain('Latin letters');
    expect(identifierCodeProblem('A-0')).toBeUndefined();
    expect(identifierCodeProblem('6f1c2a52-3a0e-4c59-9a43-0d7f2f1b7a11')).toContain('shaped like a UUID');
  });
});
