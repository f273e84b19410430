import { ProblemException, messageText } from '@reorg/http';

const ENTITY_TAG = /^(?:W\/)?"(\d{1,9})"$/;

/** The dossier version an amendment names in `If-Match: "<dossierVersion>"`: missing → 428, unusable → 412. */
export function expectedDossierVersion(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value === undefined || value.trim() === '') {
    throw new ProblemException({
      code: 'PRECONDITION_REQUIRED',
      detail: messageText('http.ifMatch.required'),
    });
  }
  const match = ENTITY_TAG.exec(value.trim()) ?? /^(\d{1,9})$/.exec(value.trim());
  if (!match) {
    throw new ProblemException({
      code: 'PRECONDITION_FAILED',
      detail: messageText('http.ifMatch.invalid', { value }),
    });
  }
  return Number(match[1]);
}

export const entityTag = (dossierVersion: number): string => `"${dossierVersion}"`;
