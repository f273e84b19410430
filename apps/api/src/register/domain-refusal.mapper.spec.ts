import { DomainRefusal } from '@reorg/domain';
import { domainRefusalMapper } from './domain-refusal.mapper';

describe('domainRefusalMapper', () => {
  it('maps a rule violation to 422 RULE_VIOLATION with one item per violation, keeping positions', () => {
    const refusal = new DomainRefusal('RULE_VIOLATION', [
      { code: 'UNKNOWN_UNIT', detail: 'no unit YT-TTYT-99 in the register', params: { unit: 'YT-TTYT-99' }, path: 'operations[1].unitCode', decisionIndex: 0, operationIndex: 1 },
    ]);
    const vi = 'không có đơn vị YT-TTYT-99 trong sổ đăng ký; hãy kiểm tra mã hoặc id đơn vị (tra cứu tại GET /api/v1/units)';
    expect(domainRefusalMapper(refusal)).toEqual({
      code: 'RULE_VIOLATION',
      detail: { vi, en: 'no unit YT-TTYT-99 in the register' },
      errors: [{ code: 'UNKNOWN_UNIT', detail: { vi, en: 'no unit YT-TTYT-99 in the register' }, path: 'operations[1].unitCode', decisionIndex: 0, operationIndex: 1 }],
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
    const violation = { code: 'DUPLICATE_CODE', detail: 'unit code A is already used', variant: 'usedBaseline', params: { code: 'A' }, path: 'units[1].code', row: 2 };
    expect(domainRefusalMapper(new DomainRefusal('DUPLICATE_CODE', [violation]))?.errors).toEqual([
      { code: 'DUPLICATE_CODE', detail: { en: 'unit code A is already used', vi: 'mã đơn vị A đã được sử dụng; hãy chọn mã khác' }, path: 'units[1].code', row: 2 },
    ]);
    expect(domainRefusalMapper(new Error('boom'))).toBeUndefined();
  });
});
