import { DomainRefusal } from '@reorg/domain';
import { domainRefusalMapper } from './domain-refusal.mapper';

describe('domainRefusalMapper', () => {
  it('maps a rule violation to 422 RULE_VIOLATION with one item per violation, keeping positions', () => {
    const refusal = new DomainRefusal('RULE_VIOLATION', [
      { code: 'MIN_STAFFING_FOR_NEW_UNIT', detail: 'quota 9 < 15', path: 'operations[1].unit.staffingQuota', decisionIndex: 0, operationIndex: 1 },
    ]);
    expect(domainRefusalMapper(refusal)).toEqual({
      code: 'RULE_VIOLATION',
      detail: { vi: 'Yêu cầu vi phạm quy định nghiệp vụ (MIN_STAFFING_FOR_NEW_UNIT).', en: 'quota 9 < 15' },
      errors: [{ code: 'MIN_STAFFING_FOR_NEW_UNIT', detail: 'quota 9 < 15', path: 'operations[1].unit.staffingQuota', decisionIndex: 0, operationIndex: 1 }],
    });
  });

  it.each([
    ['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
    ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
    ['FORBIDDEN', 'SEGREGATION_OF_DUTIES', 'SEGREGATION_OF_DUTIES'],
    ['INVALID_STATE', 'INVALID_STATE', 'INVALID_STATE'],
    ['DUPLICATE_CODE', 'DUPLICATE_CODE', 'DUPLICATE_CODE'],
    ['DUPLICATE_DECISION', 'DUPLICATE_DECISION', 'DUPLICATE_DECISION'],
    ['PRECONDITION_FAILED', 'PRECONDITION_FAILED', 'PRECONDITION_FAILED'],
    ['CONFLICT', 'LOST_RACE', 'VERSION_CONFLICT'],
    ['CONFLICT', 'STALE_DOSSIER', 'STALE_DOSSIER'],
    ['CONFLICT', 'NOT_FOUND', 'VERSION_CONFLICT'],
  ] as const)('maps kind %s with violation %s to %s', (kind, violationCode, expected) => {
    expect(domainRefusalMapper(new DomainRefusal(kind, [{ code: violationCode, detail: 'why' }]))?.code).toBe(expected);
  });

  it('keeps a row of a baseline violation and leaves other errors to the next mapper', () => {
    const violation = { code: 'DUPLICATE_CODE', detail: 'used', path: 'units[1].code', row: 2 };
    expect(domainRefusalMapper(new DomainRefusal('DUPLICATE_CODE', [violation]))?.errors).toEqual([violation]);
    expect(domainRefusalMapper(new Error('boom'))).toBeUndefined();
  });
});
