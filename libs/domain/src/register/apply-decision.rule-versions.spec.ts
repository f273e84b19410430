import type { Operation } from './operations';
import { RULE_VERSIONS, ruleVersionOn } from './rule-book';
import { decision, newUnit } from './testing/given-when-then';
import { givenProvince } from './testing/province';

// The province's units (testing/province.ts): BV-01 G3 quota 40, BV-02 G2 quota 30, BV-03 G4 quota 25.
const whenOn = (date: string, ...operations: Operation[]) => givenProvince().whenDecision(decision('1/QĐ-UBND', date, operations));
const BEFORE_283 = '2025-10-31';
const FROM_283 = '2025-11-01';

describe('rules by version: none before 2020-12-01, Decree 120 from then, Decree 120 as amended by Decree 283 from 2025-11-01', () => {
  it('chooses the version by effective date, the first day of each included', () => {
    expect(['2020-11-30', '2020-12-01', '2025-10-31', '2025-11-01', '2030-01-01'].map((d) => ruleVersionOn(d).id)).toEqual([
      'NONE',
      'DECREE_120',
      'DECREE_120',
      'DECREE_120_AMENDED_BY_283',
      'DECREE_120_AMENDED_BY_283',
    ]);
    expect(RULE_VERSIONS.map((v) => v.inEffectFrom)).toEqual(['1900-01-01', '2020-12-01', '2025-11-01']);
  });

  describe('the minimum of a new unit', () => {
    it('given Decree 120 (2025-10-31), a quota of 15 is enough without counting public employees', () => {
      expect(whenOn(BEFORE_283, { type: 'ESTABLISH', unit: newUnit('N-1', { staffingQuota: 15 }) }).ok).toBe(true);
    });

    it('given Decree 283 (2025-11-01), a new unit must state its public employees; the refusal names the amended decree', () => {
      const result = whenOn(FROM_283, { type: 'ESTABLISH', unit: newUnit('N-1', { staffingQuota: 40 }) });
      expect(result.refusals).toEqual([{ code: 'MIN_STAFFING_FOR_NEW_UNIT', path: 'operations[0].unit.publicEmployees', operationIndex: 0 }]);
      expect(result.violations[0].legalSource).toEqual({
        en: 'Decree 120/2020/ND-CP, art. 5.1, as amended by Decree 283/2025/ND-CP',
        vi: 'khoản 1 Điều 5 Nghị định 120/2020/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định 283/2025/NĐ-CP',
      });
      expect(result.changedNothing).toBe(true);
    });

    it('given Decree 283, 14 public employees are refused even with a quota of 40, in English and Vietnamese', () => {
      const result = whenOn(FROM_283, { type: 'ESTABLISH', unit: newUnit('N-1', { staffingQuota: 40, publicEmployees: 14 }) });
      expect(result.refusedCodes).toEqual(['MIN_STAFFING_FOR_NEW_UNIT']);
      expect(result.violations[0].detail).toContain('14 public employees');
      expect(result.violations[0].detail).toContain('as amended by Decree 283/2025/ND-CP');
      expect(result.violations[0]).toMatchObject({ variant: 'employeesExempt', params: { publicEmployees: 14, atLeast: 15 } });
    });

    it('given Decree 283, 15 public employees are enough', () => {
      expect(whenOn(FROM_283, { type: 'ESTABLISH', unit: newUnit('N-1', { staffingQuota: 15, publicEmployees: 15 }) }).ok).toBe(true);
    });

    it('given Decree 283, a self-financing unit (G1, G2) counts its professional contract staff; a G3 unit does not', () => {
      const g2 = newUnit('N-1', { autonomyGroup: 'G2', publicEmployees: 10, contractProfessionalStaff: 5 });
      const g3 = newUnit('N-2', { autonomyGroup: 'G3', publicEmployees: 10, contractProfessionalStaff: 5 });
      expect(whenOn(FROM_283, { type: 'ESTABLISH', unit: g2 }).ok).toBe(true);
      expect(whenOn(FROM_283, { type: 'ESTABLISH', unit: g3 }).refusedCodes).toEqual(['MIN_STAFFING_FOR_NEW_UNIT']);
    });

    it('keeps the essential-services exception on both sides of 2025-11-01', () => {
      const essential = newUnit('N-1', { staffingQuota: 4, publicEmployees: 3, basicEssentialService: true });
      expect(whenOn(BEFORE_283, { type: 'ESTABLISH', unit: essential }).ok).toBe(true);
      expect(whenOn(FROM_283, { type: 'ESTABLISH', unit: essential }).ok).toBe(true);
    });

    it('given Decree 120, the refusal names Decree 120 alone', () => {
      const result = whenOn(BEFORE_283, { type: 'ESTABLISH', unit: newUnit('N-1', { staffingQuota: 9 }) });
      expect(result.violations[0].legalSource?.en).toBe('Decree 120/2020/ND-CP, art. 5.1');
      expect(result.violations[0].path).toBe('operations[0].unit.staffingQuota');
    });

    it('applies to the units a division creates, counted in public employees from Decree 283', () => {
      const result = whenOn(FROM_283, { type: 'DIVIDE', sourceUnitCode: 'BV-01', newUnits: [newUnit('N-1', { publicEmployees: 20 }), newUnit('N-2', { publicEmployees: 12 })] });
      expect(result.refusals).toEqual([{ code: 'MIN_STAFFING_FOR_NEW_UNIT', path: 'operations[0].newUnits[1].publicEmployees', operationIndex: 0 }]);
    });

    it('records the public employees in the new unit', () => {
      const result = whenOn(FROM_283, { type: 'ESTABLISH', unit: newUnit('N-1', { publicEmployees: 18, contractProfessionalStaff: 2 }) });
      expect(result.eventOn('N-1', 'UnitEstablished').attributes).toMatchObject({ publicEmployees: 18, contractProfessionalStaff: 2 });
    });
  });

  describe('autonomy after a reorganisation', () => {
    const consolidateInto = (group: 'G1' | 'G2' | 'G3' | 'G4') => ({
      type: 'CONSOLIDATE' as const,
      sourceUnitCodes: ['BV-01', 'BV-02'],
      newUnit: newUnit('N-1', { autonomyGroup: group, staffingQuota: 70, publicEmployees: 60 }),
    });

    it('given Decree 120, a consolidation of G3 and G2 into G3 is refused (not below the best source)', () => {
      const result = whenOn(BEFORE_283, consolidateInto('G3'));
      expect(result.refusedCodes).toEqual(['AUTONOMY_MUST_NOT_DECREASE']);
      expect(result.violations[0].legalSource?.en).toBe('Decree 120/2020/ND-CP, art. 5.2; Decree 60/2021/ND-CP');
    });

    it('given Decree 283, units of different groups take the group the authority sets: G3 and even G4', () => {
      expect(whenOn(FROM_283, consolidateInto('G3')).ok).toBe(true);
      expect(whenOn(FROM_283, consolidateInto('G4')).ok).toBe(true);
    });

    it('given Decree 283, an absorption of units in different groups may set any group too', () => {
      expect(whenOn(FROM_283, { type: 'ABSORB', targetUnitCode: 'BV-02', sourceUnitCodes: ['BV-01'], autonomyGroupAfter: 'G3' }).ok).toBe(true);
    });

    it('given Decree 283, a unit must not lose its current group: a division of a G2 unit into a G3 unit is refused, naming art. 5.2 as amended', () => {
      const result = whenOn(FROM_283, {
        type: 'DIVIDE',
        sourceUnitCode: 'BV-02',
        newUnits: [newUnit('N-1', { autonomyGroup: 'G2', staffingQuota: 15, publicEmployees: 15 }), newUnit('N-2', { autonomyGroup: 'G3', staffingQuota: 15, publicEmployees: 15 })],
      });
      expect(result.refusals).toEqual([{ code: 'AUTONOMY_MUST_NOT_DECREASE', path: 'operations[0].newUnits[1].autonomyGroup', operationIndex: 0 }]);
      expect(result.violations[0].legalSource?.en).toBe('Decree 120/2020/ND-CP, art. 5.2, as amended by Decree 283/2025/ND-CP');
      expect(result.violations[0]).toMatchObject({ variant: 'current', params: { best: 'G2' } });
    });

    it('given Decree 283, units of the same group merge into that group or better, never worse', () => {
      const given = givenProvince().decided(decision('0/QĐ-UBND', '2025-06-01', [{ type: 'CHANGE_AUTONOMY', unitCode: 'BV-01', autonomyGroup: 'G2' }]));
      const into = (group: 'G2' | 'G3') =>
        given.whenDecision(decision('1/QĐ-UBND', FROM_283, [{ type: 'CONSOLIDATE', sourceUnitCodes: ['BV-01', 'BV-02'], newUnit: newUnit('N-1', { autonomyGroup: group, staffingQuota: 70, publicEmployees: 60 }) }]));
      expect(into('G2').ok).toBe(true);
      expect(into('G3').refusedCodes).toEqual(['AUTONOMY_MUST_NOT_DECREASE']);
    });
  });

  describe('dissolution', () => {
    it('given Decree 120, a dissolution without a settlement reference is refused even when there is nothing to settle', () => {
      const result = whenOn(BEFORE_283, { type: 'DISSOLVE', unitCode: 'BV-03', nothingToSettle: true });
      expect(result.refusals).toEqual([{ code: 'SETTLEMENT_REQUIRED', path: 'operations[0].settlementRef', operationIndex: 0 }]);
      expect(result.violations[0].legalSource?.en).toBe('Decree 120/2020/ND-CP, art. 17');
    });

    it('given Decree 120, the ground is recorded when given but not required', () => {
      const result = whenOn(BEFORE_283, { type: 'DISSOLVE', unitCode: 'BV-03', settlementRef: 'BB-1', ground: 'POOR_PERFORMANCE_3_YEARS' });
      expect(result.eventOn('BV-03', 'UnitDissolved')).toMatchObject({ settlementRef: 'BB-1', ground: 'POOR_PERFORMANCE_3_YEARS' });
      expect(whenOn(BEFORE_283, { type: 'DISSOLVE', unitCode: 'BV-03', settlementRef: 'BB-1' }).ok).toBe(true);
    });

    it('given Decree 283, the ground is required: the refusal names art. 5.3 as amended, in both languages', () => {
      const result = whenOn(FROM_283, { type: 'DISSOLVE', unitCode: 'BV-03', settlementRef: 'BB-1' });
      expect(result.refusals).toEqual([{ code: 'DISSOLUTION_GROUND_REQUIRED', path: 'operations[0].ground', operationIndex: 0 }]);
      expect(result.violations[0].legalSource?.vi).toBe('khoản 3 Điều 5 Nghị định 120/2020/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định 283/2025/NĐ-CP');
      expect(result.violations[0].params?.grounds).toContain('NO_REMAINING_FUNCTION');
    });

    it('given Decree 283, settlement is required only where there is something to settle', () => {
      const nothing = whenOn(FROM_283, { type: 'DISSOLVE', unitCode: 'BV-03', nothingToSettle: true, ground: 'NO_REMAINING_FUNCTION' });
      expect(nothing.eventOn('BV-03', 'UnitDissolved')).toMatchObject({ nothingToSettle: true, ground: 'NO_REMAINING_FUNCTION' });
      expect(nothing.eventOn('BV-03', 'UnitDissolved')).not.toHaveProperty('settlementRef');
      const silent = whenOn(FROM_283, { type: 'DISSOLVE', unitCode: 'BV-03', ground: 'NO_REMAINING_FUNCTION' });
      expect(silent.refusals).toEqual([{ code: 'SETTLEMENT_REQUIRED', path: 'operations[0].settlementRef', operationIndex: 0 }]);
      expect(silent.violations[0].detail).toContain('nothingToSettle');
    });

    it('given Decree 283, both missing: both refusals at once', () => {
      expect(whenOn(FROM_283, { type: 'DISSOLVE', unitCode: 'BV-03' }).refusedCodes).toEqual(['SETTLEMENT_REQUIRED', 'DISSOLUTION_GROUND_REQUIRED']);
    });
  });

  describe('quota', () => {
    it('names its source under each version', () => {
      const grow = { type: 'CONSOLIDATE' as const, sourceUnitCodes: ['BV-01', 'BV-02'], newUnit: newUnit('N-1', { autonomyGroup: 'G2', staffingQuota: 71, publicEmployees: 60 }) };
      expect(whenOn(BEFORE_283, grow).violations[0].legalSource?.en).toBe('Decree 120/2020/ND-CP, art. 5.2');
      expect(whenOn(FROM_283, grow).violations[0].legalSource?.en).toBe('Decree 120/2020/ND-CP, art. 5.2, as amended by Decree 283/2025/ND-CP');
      expect(whenOn('2020-11-30', grow).ok).toBe(true);
    });
  });

  describe('sectors by date', () => {
    it('a unit established on 2025-02-28 may take AGRICULTURE; from 2025-03-01 the refusal names its successor', () => {
      expect(whenOn('2025-02-28', { type: 'ESTABLISH', unit: newUnit('N-1', { sector: 'AGRICULTURE' }) }).ok).toBe(true);
      const result = whenOn('2025-03-01', { type: 'ESTABLISH', unit: newUnit('N-1', { sector: 'AGRICULTURE' }) });
      expect(result.refusals).toEqual([{ code: 'SECTOR_NOT_VALID_ON_DATE', path: 'operations[0].unit.sector', operationIndex: 0 }]);
      expect(result.violations[0].detail).toContain('use AGRICULTURE_ENVIRONMENT');
      expect(whenOn('2025-03-01', { type: 'ESTABLISH', unit: newUnit('N-1', { sector: 'AGRICULTURE_ENVIRONMENT' }) }).ok).toBe(true);
    });

    it('a unit keeps the sector it had: an AGRICULTURE unit is renamed in 2026 and still reads AGRICULTURE on both dates', () => {
      const given = givenProvince().decided(decision('1/QĐ-UBND', '2024-01-01', [{ type: 'ESTABLISH', unit: newUnit('NN-1', { sector: 'AGRICULTURE' }) }]));
      const renamed = given.whenDecision(decision('2/QĐ-UBND', '2026-01-05', [{ type: 'RENAME', unitCode: 'NN-1', newName: 'Trung tâm Khuyến nông' }]));
      expect(renamed.ok).toBe(true);
      expect([renamed.unit('NN-1').asOf('2024-06-01')?.attributes.sector, renamed.unit('NN-1').asOf('2026-02-01')?.attributes.sector]).toEqual(['AGRICULTURE', 'AGRICULTURE']);
    });

    it('a baseline may list a retired code (units keep theirs) but not a code that did not exist yet', () => {
      const scenario = givenProvince();
      expect(scenario.whenBaseline('2025-06-30', [{ ...newUnit('X-1', { sector: 'FORESTRY' }) }]).ok).toBe(true);
      expect(scenario.whenBaseline('2024-12-31', [{ ...newUnit('X-2', { sector: 'AGRICULTURE_ENVIRONMENT' }) }]).refusals).toEqual([
        { code: 'SECTOR_NOT_VALID_ON_DATE', path: 'units[0].sector', row: 0 },
      ]);
    });
  });
});
