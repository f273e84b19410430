import {
  RESTRUCTURING_RULES,
  RULE_VERSIONS,
  type RuleVersion,
  type Violation,
  autonomyDoesNotDecrease,
  codeIsIdentifier,
  dissolutionIsComplete,
  levelInEffect,
  newUnitHasMinimumStaffing,
  quotaDoesNotIncrease,
  restructuringViolation,
  sectorValidOn,
} from '@reorg/domain';
import { violationText } from '@reorg/http';

/** The rule book without the essential-services exception, for the messages that have no exception clause. */
const STRICT: readonly RuleVersion[] = RULE_VERSIONS.map((version) => (version.minimum ? { ...version, minimum: { ...version.minimum, essentialServiceException: false } } : version));
const DECREE_120 = '2021-06-01';
const DECREE_283 = '2025-12-01';
const unit = { code: 'TH-01', staffingQuota: 9, autonomyGroup: 'G1' as const };

const produced: [string, Violation | undefined][] = [
  ['quota', newUnitHasMinimumStaffing(unit, DECREE_120, 'unit.staffingQuota', STRICT)],
  ['quota, exempt', newUnitHasMinimumStaffing(unit, DECREE_120, 'unit.staffingQuota')],
  ['employees missing', newUnitHasMinimumStaffing(unit, DECREE_283, 'unit.staffingQuota')],
  ['employees, exempt', newUnitHasMinimumStaffing({ ...unit, publicEmployees: 12 }, DECREE_283, 'unit.staffingQuota')],
  ['employees', newUnitHasMinimumStaffing({ ...unit, publicEmployees: 12 }, DECREE_283, 'unit.staffingQuota', STRICT)],
  ['employees and contract staff', newUnitHasMinimumStaffing({ ...unit, publicEmployees: 8, contractProfessionalStaff: 3 }, DECREE_283, 'unit.staffingQuota', STRICT)],
  ['employees and contract staff, exempt', newUnitHasMinimumStaffing({ ...unit, publicEmployees: 8, contractProfessionalStaff: 3 }, DECREE_283, 'unit.staffingQuota')],
  ['quota grows', quotaDoesNotIncrease(40, 45, DECREE_120, 'consolidation')],
  ['autonomy below the best source', autonomyDoesNotDecrease(['G2', 'G3'], 'G4', DECREE_120, 'consolidation', 'newUnit.autonomyGroup')],
  ['autonomy below the current group', autonomyDoesNotDecrease(['G2'], 'G3', DECREE_283, 'absorption', 'autonomyGroupAfter')],
  ...dissolutionIsComplete({}, DECREE_120, (field) => field).map((v): [string, Violation] => ['settlement always', v]),
  ...dissolutionIsComplete({}, DECREE_283, (field) => field).map((v): [string, Violation] => [`dissolution ${v.code}`, v]),
  ['sector unknown', sectorValidOn('MINING', DECREE_120, 'sector')],
  ['sector not yet', sectorValidOn('AGRICULTURE_ENVIRONMENT', '2024-01-01', 'sector')],
  ['sector retired and replaced', sectorValidOn('AGRICULTURE', DECREE_283, 'sector')],
  ['code with look-alikes', codeIsIdentifier('\uff21-1', 'code')],
  ['code outside the alphabet', codeIsIdentifier('A 1', 'code')],
  ['code shaped like a UUID', codeIsIdentifier('6f1c2a52-3a0e-4c59-9a43-0d7f2f1b7a11', 'code')],
  ['level of a unit', levelInEffect([{ level: 'DISTRICT', validTo: '2025-07-01' }], 'DISTRICT', '2025-07-01', { unit: 'H-1' }, 'level')],
  ['level of a unit under a body', levelInEffect([{ level: 'DISTRICT', validTo: '2025-07-01' }], 'DISTRICT', '2025-07-01', { unit: 'H-1', relation: 'under', body: 'UBND-H' })],
  ['level of a unit moved', levelInEffect([{ level: 'DISTRICT', validTo: '2025-07-01', legalSource: 'NQ 1/2025' }], 'DISTRICT', '2025-07-01', { unit: 'H-1', relation: 'to', body: 'UBND-H' })],
  ['level of a body', levelInEffect([{ level: 'DISTRICT', validTo: '2025-07-01' }], 'DISTRICT', '2025-07-01', { body: 'UBND-H' })],
  ['body has units', restructuringViolation('BODY_HAS_UNITS', { body: 'SLDTBXH', count: 3 })],
  ['unit not under body', restructuringViolation('UNIT_NOT_UNDER_BODY', { unit: 'H1-MN', body: 'SLDTBXH' })],
  ['unit without destination', restructuringViolation('UNIT_WITHOUT_DESTINATION', { unit: 'H1-MN', body: 'SLDTBXH' })],
  ['same body twice', restructuringViolation('SAME_BODY_TWICE', { body: 'SNV' })],
  ['duplicate body code', restructuringViolation('DUPLICATE_BODY_CODE', { code: 'SNV' })],
  ['province unknown', restructuringViolation('PROVINCE_UNKNOWN', { province: 'BAC_KAN' })],
  ['province already joined', restructuringViolation('PROVINCE_ALREADY_JOINED', { province: 'BAC_KAN', date: '2025-07-01' })],
  ['province changed later', restructuringViolation('PROVINCE_CHANGED_LATER', { province: 'BAC_KAN', date: '2025-07-01', decisions: '5/QĐ-UBND' })],
];

describe('English refusals rendered from the catalogue are the domain’s own sentences', () => {
  it('covers every restructuring rule', () => {
    const covered = new Set(produced.map(([, v]) => v?.code));
    expect(Object.keys(RESTRUCTURING_RULES).filter((rule) => !covered.has(rule))).toEqual([]);
  });

  it.each(produced)('%s', (_name, violation) => {
    expect(violation).toBeDefined();
    const text = violationText(violation as Violation);
    expect(text.en).toBe((violation as Violation).detail);
    expect(text.vi).not.toMatch(/\{\{|\bundefined\b/);
    expect(text.vi).not.toBe(text.en);
  });
});
