import { ProblemException } from '@reorg/http';
import { expectedDossierVersion } from './if-match';

const codeOf = (header: string | undefined): string => {
  try {
    expectedDossierVersion(header);
    return 'accepted';
  } catch (error) {
    return error instanceof ProblemException ? error.code : 'other';
  }
};

describe('If-Match for amendments', () => {
  it.each([
    ['"3"', 3],
    ['W/"12"', 12],
    ['  "1" ', 1],
    ['7', 7],
  ])('reads %s as dossier version %d', (header, version) => {
    expect(expectedDossierVersion(header)).toBe(version);
  });

  it('answers 428 when it is missing or blank', () => {
    expect([codeOf(undefined), codeOf('  ')]).toEqual(['PRECONDITION_REQUIRED', 'PRECONDITION_REQUIRED']);
  });

  it('answers 412 when it names no dossier version', () => {
    expect(['*', '"abc"', '"1", "2"', '"-1"'].map(codeOf)).toEqual(['PRECONDITION_FAILED', 'PRECONDITION_FAILED', 'PRECONDITION_FAILED', 'PRECONDITION_FAILED']);
  });
});
