import { decision, newUnit } from './testing/given-when-then';
import { givenProvince } from './testing/province';
import type { Operation } from './operations';

const ON = '2021-06-01';
const whenOn = (date: string, ...operations: Operation[]) => givenProvince().whenDecision(decision('1/QĐ-UBND', date, operations));
const when = (...operations: Operation[]) => whenOn(ON, ...operations);

describe('applyDecision: Decree 120 rules', () => {
  describe('MIN_STAFFING_FOR_NEW_UNIT', () => {
    it('refuses a new unit with a quota under 15', () => {
      const result = when({ type: 'ESTABLISH', unit: newUnit('N-1', { staffingQuota: 14 }) });
      expect(result.refusals).toEqual([{ code: 'MIN_STAFFING_FOR_NEW_UNIT', path: 'operations[0].unit.staffingQuota', operationIndex: 0 }]);
      expect(result.violations[0].detail).toContain('at least 15');
    });

    it('accepts a new unit with exactly 15', () => {
      expect(when({ type: 'ESTABLISH', unit: newUnit('N-1', { staffingQuota: 15 }) }).ok).toBe(true);
    });

    it('exempts a unit providing basic, essential services', () => {
      expect(when({ type: 'ESTABLISH', unit: newUnit('N-1', { staffingQuota: 4, basicEssentialService: true }) }).ok).toBe(true);
    });

    it('does not apply before Decree 120 took effect on 2020-12-01', () => {
      expect(whenOn('2020-11-30', { type: 'ESTABLISH', unit: newUnit('N-1', { staffingQuota: 4 }) }).ok).toBe(true);
    });

    it('applies from 2020-12-01 itself', () => {
      expect(whenOn('2020-12-01', { type: 'ESTABLISH', unit: newUnit('N-1', { staffingQuota: 4 }) }).refusedCodes).toEqual(['MIN_STAFFING_FOR_NEW_UNIT']);
    });

    it('applies to each unit a division creates', () => {
      const result = when({ type: 'DIVIDE', sourceUnitCode: 'BV-01', newUnits: [newUnit('N-1', { staffingQuota: 30 }), newUnit('N-2', { staffingQuota: 10 })] });
      expect(result.refusals).toEqual([{ code: 'MIN_STAFFING_FOR_NEW_UNIT', path: 'operations[0].newUnits[1].staffingQuota', operationIndex: 0 }]);
    });

    it('applies to the unit a separation creates', () => {
      const result = when({ type: 'SEPARATE', sourceUnitCode: 'BV-01', newUnit: newUnit('N-1', { staffingQuota: 10 }), sourceStaffingQuotaAfter: 30 });
      expect(result.refusals).toEqual([{ code: 'MIN_STAFFING_FOR_NEW_UNIT', path: 'operations[0].newUnit.staffingQuota', operationIndex: 0 }]);
    });

    it('applies to the unit a consolidation creates', () => {
      const result = when({ type: 'CONSOLIDATE', sourceUnitCodes: ['BV-01', 'BV-02'], newUnit: newUnit('N-1', { autonomyGroup: 'G2', staffingQuota: 12 }) });
      expect(result.refusedCodes).toEqual(['MIN_STAFFING_FOR_NEW_UNIT']);
    });
  });

  describe('QUOTA_MUST_NOT_INCREASE', () => {
    it('refuses a consolidation whose new unit has more quota than its sources together', () => {
      const result = when({ type: 'CONSOLIDATE', sourceUnitCodes: ['BV-01', 'BV-02'], newUnit: newUnit('N-1', { autonomyGroup: 'G2', staffingQuota: 71 }) });
      expect(result.refusals).toEqual([{ code: 'QUOTA_MUST_NOT_INCREASE', operationIndex: 0 }]);
      expect(result.violations[0].detail).toContain('from 70 to 71');
    });

    it('accepts a consolidation keeping the quota', () => {
      expect(when({ type: 'CONSOLIDATE', sourceUnitCodes: ['BV-01', 'BV-02'], newUnit: newUnit('N-1', { autonomyGroup: 'G2', staffingQuota: 70 }) }).ok).toBe(true);
    });

    it('refuses an absorption whose target would end with more than target and sources had', () => {
      expect(when({ type: 'ABSORB', targetUnitCode: 'BV-01', sourceUnitCodes: ['BV-02'], staffingQuotaAfter: 71 }).refusedCodes).toEqual(['QUOTA_MUST_NOT_INCREASE']);
    });

    it('refuses a division whose new units together exceed the source', () => {
      const result = when({ type: 'DIVIDE', sourceUnitCode: 'BV-01', newUnits: [newUnit('N-1', { staffingQuota: 21 }), newUnit('N-2', { staffingQuota: 20 })] });
      expect(result.refusedCodes).toEqual(['QUOTA_MUST_NOT_INCREASE']);
    });

    it('refuses a separation whose new unit and remaining source together exceed the source', () => {
      const result = when({ type: 'SEPARATE', sourceUnitCode: 'BV-01', newUnit: newUnit('N-1', { staffingQuota: 15 }), sourceStaffingQuotaAfter: 26 });
      expect(result.refusedCodes).toEqual(['QUOTA_MUST_NOT_INCREASE']);
    });

    it('does not apply to reorganisations effective before 2020-12-01', () => {
      expect(whenOn('2019-06-01', { type: 'CONSOLIDATE', sourceUnitCodes: ['BV-01', 'BV-02'], newUnit: newUnit('N-1', { autonomyGroup: 'G2', staffingQuota: 90 }) }).ok).toBe(true);
    });
  });

  describe('AUTONOMY_MUST_NOT_DECREASE', () => {
    it('refuses a consolidation whose new unit is less autonomous than the most autonomous source', () => {
      const result = when({ type: 'CONSOLIDATE', sourceUnitCodes: ['BV-01', 'BV-02'], newUnit: newUnit('N-1', { autonomyGroup: 'G3', staffingQuota: 70 }) });
      expect(result.refusals).toEqual([{ code: 'AUTONOMY_MUST_NOT_DECREASE', path: 'operations[0].newUnit.autonomyGroup', operationIndex: 0 }]);
    });

    it('accepts a consolidation into a more autonomous group', () => {
      expect(when({ type: 'CONSOLIDATE', sourceUnitCodes: ['BV-01', 'BV-02'], newUnit: newUnit('N-1', { autonomyGroup: 'G1', staffingQuota: 70 }) }).ok).toBe(true);
    });

    it('refuses an absorption stating a group below the best of target and sources', () => {
      const result = when({ type: 'ABSORB', targetUnitCode: 'BV-01', sourceUnitCodes: ['BV-02'], autonomyGroupAfter: 'G3' });
      expect(result.refusals).toEqual([{ code: 'AUTONOMY_MUST_NOT_DECREASE', path: 'operations[0].autonomyGroupAfter', operationIndex: 0 }]);
    });

    it('accepts an absorption that states nothing: the defaults (sum, most autonomous) satisfy both rules', () => {
      expect(when({ type: 'ABSORB', targetUnitCode: 'BV-03', sourceUnitCodes: ['BV-01', 'BV-02'] }).ok).toBe(true);
    });

    it('refuses a division creating a unit less autonomous than the source', () => {
      const result = when({ type: 'DIVIDE', sourceUnitCode: 'BV-01', newUnits: [newUnit('N-1', { autonomyGroup: 'G3' }), newUnit('N-2', { autonomyGroup: 'G4' })] });
      expect(result.refusals).toEqual([{ code: 'AUTONOMY_MUST_NOT_DECREASE', path: 'operations[0].newUnits[1].autonomyGroup', operationIndex: 0 }]);
    });

    it('refuses a separation creating a unit less autonomous than the source', () => {
      const result = when({ type: 'SEPARATE', sourceUnitCode: 'BV-02', newUnit: newUnit('N-1', { autonomyGroup: 'G3', staffingQuota: 15 }), sourceStaffingQuotaAfter: 15 });
      expect(result.refusals).toEqual([{ code: 'AUTONOMY_MUST_NOT_DECREASE', path: 'operations[0].newUnit.autonomyGroup', operationIndex: 0 }]);
    });

    it('does not apply to reorganisations effective before 2020-12-01', () => {
      expect(whenOn('2020-11-30', { type: 'ABSORB', targetUnitCode: 'BV-01', sourceUnitCodes: ['BV-02'], autonomyGroupAfter: 'G4' }).ok).toBe(true);
    });

    it('reports both quota and autonomy when a reorganisation breaks both', () => {
      const result = when({ type: 'CONSOLIDATE', sourceUnitCodes: ['BV-01', 'BV-02'], newUnit: newUnit('N-1', { autonomyGroup: 'G4', staffingQuota: 80 }) });
      expect(result.refusedCodes).toEqual(['QUOTA_MUST_NOT_INCREASE', 'AUTONOMY_MUST_NOT_DECREASE']);
    });
  });
});

describe('applyDecision: register rules', () => {
  describe('UNIT_NOT_ACTIVE', () => {
    it('refuses a unit before its establishment', () => {
      const given = givenProvince().decided(decision('2/QĐ-UBND', '2021-03-01', [{ type: 'ESTABLISH', unit: newUnit('N-1') }]));
      const result = given.whenDecision(decision('3/QĐ-UBND', '2021-02-28', [{ type: 'RENAME', unitCode: 'N-1', newName: 'Sớm quá' }]));
      expect(result.refusals).toEqual([{ code: 'UNIT_NOT_ACTIVE', path: 'operations[0].unitCode', operationIndex: 0 }]);
      expect(result.violations[0].detail).toContain('does not exist yet');
    });

    it('refuses a baseline unit before its establishedOn', () => {
      expect(whenOn('2017-06-30', { type: 'RENAME', unitCode: 'BV-01', newName: 'x' }).refusedCodes).toEqual(['UNIT_NOT_ACTIVE']);
    });

    it('accepts a unit on the day it was established', () => {
      expect(whenOn('2017-12-31', { type: 'RENAME', unitCode: 'BV-01', newName: 'x' }).ok).toBe(true);
    });

    it('refuses a unit on and after its ending', () => {
      const given = givenProvince().decided(decision('4/QĐ-UBND', '2021-03-01', [{ type: 'DISSOLVE', unitCode: 'BV-03', settlementRef: 'BB-4' }]));
      expect(given.whenDecision(decision('5/QĐ-UBND', '2021-03-02', [{ type: 'CHANGE_STAFFING_QUOTA', unitCode: 'BV-03', staffingQuota: 1 }])).refusals).toEqual([
        { code: 'UNIT_NOT_ACTIVE', path: 'operations[0].unitCode', operationIndex: 0 },
      ]);
      expect(given.whenDecision(decision('6/QĐ-UBND', '2025-01-01', [{ type: 'TRANSFER', unitCode: 'BV-03', toGoverningBodyId: 'body-party' }])).refusedCodes).toEqual(['UNIT_NOT_ACTIVE']);
    });

    it('refuses every inactive source of a consolidation, each with its path', () => {
      const given = givenProvince().decided(decision('7/QĐ-UBND', '2021-03-01', [{ type: 'ABSORB', targetUnitCode: 'BV-01', sourceUnitCodes: ['BV-02', 'BV-03'] }]));
      const result = given.whenDecision(decision('8/QĐ-UBND', '2021-06-01', [{ type: 'CONSOLIDATE', sourceUnitCodes: ['BV-02', 'BV-03'], newUnit: newUnit('N-1') }]));
      expect(result.refusals).toEqual([
        { code: 'UNIT_NOT_ACTIVE', path: 'operations[0].sourceUnitCodes[0]', operationIndex: 0 },
        { code: 'UNIT_NOT_ACTIVE', path: 'operations[0].sourceUnitCodes[1]', operationIndex: 0 },
      ]);
    });
  });

  describe('UNKNOWN_UNIT', () => {
    it('refuses an unknown id', () => {
      expect(when({ type: 'RENAME', unitId: 'unit-404', newName: 'x' }).refusals).toEqual([{ code: 'UNKNOWN_UNIT', path: 'operations[0].unitId', operationIndex: 0 }]);
    });

    it('refuses an unknown code', () => {
      const result = when({ type: 'DISSOLVE', unitCode: 'BV-99', settlementRef: 'BB' });
      expect(result.refusals).toEqual([{ code: 'UNKNOWN_UNIT', path: 'operations[0].unitCode', operationIndex: 0 }]);
      expect(result.violations[0].detail).toContain('BV-99');
    });

    it('refuses an unknown absorption target and an unknown source separately', () => {
      const result = when({ type: 'ABSORB', targetUnitCode: 'X-1', sourceUnitIds: ['unit-404'] });
      expect(result.refusals).toEqual([
        { code: 'UNKNOWN_UNIT', path: 'operations[0].targetUnitCode', operationIndex: 0 },
        { code: 'UNKNOWN_UNIT', path: 'operations[0].sourceUnitIds[0]', operationIndex: 0 },
      ]);
    });

    it('finds a unit by code whatever its case', () => {
      expect(when({ type: 'RENAME', unitCode: 'bv-01', newName: 'x' }).ok).toBe(true);
    });
  });

  describe('DUPLICATE_CODE', () => {
    it('refuses a new unit with the code of an existing one', () => {
      expect(when({ type: 'ESTABLISH', unit: newUnit('BV-01') }).refusals).toEqual([{ code: 'DUPLICATE_CODE', path: 'operations[0].unit.code', operationIndex: 0 }]);
    });

    it('refuses the code of an ended unit: codes are never reused', () => {
      const given = givenProvince().decided(decision('9/QĐ-UBND', '2019-01-01', [{ type: 'DISSOLVE', unitCode: 'BV-03', settlementRef: 'BB-9' }]));
      expect(given.whenDecision(decision('10/QĐ-UBND', '2022-01-01', [{ type: 'ESTABLISH', unit: newUnit('BV-03') }])).refusedCodes).toEqual(['DUPLICATE_CODE']);
    });

    it('compares codes ignoring case', () => {
      expect(when({ type: 'ESTABLISH', unit: newUnit('bv-01') }).refusedCodes).toEqual(['DUPLICATE_CODE']);
    });

    it('refuses two new units of one division with the same code', () => {
      const result = when({ type: 'DIVIDE', sourceUnitCode: 'BV-01', newUnits: [newUnit('N-1'), newUnit('n-1')] });
      expect(result.refusals).toEqual([{ code: 'DUPLICATE_CODE', path: 'operations[0].newUnits[1].code', operationIndex: 0 }]);
    });

    it('refuses two new units of one division whose codes differ only in spacing or Unicode form', () => {
      const composed = 'YTẾ-1'.normalize('NFC');
      const decomposed = ` ${'YTẾ-1'.normalize('NFD')}`;
      expect(decomposed.trim()).not.toBe(composed);
      const result = when({ type: 'DIVIDE', sourceUnitCode: 'BV-01', newUnits: [newUnit(composed), newUnit(decomposed)] });
      expect(result.refusals).toEqual([{ code: 'DUPLICATE_CODE', path: 'operations[0].newUnits[1].code', operationIndex: 0 }]);
    });

    it('refuses a code created by an earlier operation of the same decision', () => {
      const result = when({ type: 'ESTABLISH', unit: newUnit('N-1') }, { type: 'ESTABLISH', unit: newUnit('N-1') });
      expect(result.refusals).toEqual([{ code: 'DUPLICATE_CODE', path: 'operations[1].unit.code', operationIndex: 1 }]);
      expect(result.changedNothing).toBe(true);
    });
  });

  describe('SETTLEMENT_REQUIRED', () => {
    it.each([[''], ['   ']])('refuses a dissolution with settlement reference %j', (settlementRef) => {
      expect(when({ type: 'DISSOLVE', unitCode: 'BV-03', settlementRef }).refusals).toEqual([{ code: 'SETTLEMENT_REQUIRED', path: 'operations[0].settlementRef', operationIndex: 0 }]);
    });
  });

  describe('BODY_SYSTEM_MISMATCH', () => {
    it('refuses a new unit declaring a system other than its body\'s', () => {
      const result = when({ type: 'ESTABLISH', unit: newUnit('N-1', { system: 'PARTY_MASS', governingBodyId: 'body-health' }) });
      expect(result.refusals).toEqual([{ code: 'BODY_SYSTEM_MISMATCH', path: 'operations[0].unit.system', operationIndex: 0 }]);
    });

    it('accepts a new unit declaring its body\'s system', () => {
      expect(when({ type: 'ESTABLISH', unit: newUnit('N-1', { system: 'PARTY_MASS', governingBodyId: 'body-party' }) }).ok).toBe(true);
    });
  });

  describe('UNKNOWN_GOVERNING_BODY', () => {
    it('refuses a new unit under an unknown body', () => {
      expect(when({ type: 'ESTABLISH', unit: newUnit('N-1', { governingBodyId: 'body-404' }) }).refusals).toEqual([
        { code: 'UNKNOWN_GOVERNING_BODY', path: 'operations[0].unit.governingBodyId', operationIndex: 0 },
      ]);
    });

    it('refuses a transfer to an unknown body', () => {
      expect(when({ type: 'TRANSFER', unitCode: 'BV-01', toGoverningBodyId: 'body-404' }).refusals).toEqual([
        { code: 'UNKNOWN_GOVERNING_BODY', path: 'operations[0].toGoverningBodyId', operationIndex: 0 },
      ]);
    });
  });

  describe('GOVERNING_BODY_NOT_ACTIVE', () => {
    const givenAbolishedDistrict = () =>
      givenProvince().body({ id: 'body-district', level: 'DISTRICT' }, {
        type: 'GoverningBodyAbolished',
        data: { bodyId: 'body-district', effectiveDate: '2021-01-01', decision: { number: 'NQ-1', date: '2020-12-01' }, transferUnitsTo: 'body-health' },
      });

    it('refuses a new unit under a body abolished by the effective date', () => {
      const result = givenAbolishedDistrict().whenDecision(decision('11/QĐ-UBND', '2021-01-01', [{ type: 'ESTABLISH', unit: newUnit('N-1', { governingBodyId: 'body-district' }) }]));
      expect(result.refusals).toEqual([{ code: 'GOVERNING_BODY_NOT_ACTIVE', path: 'operations[0].unit.governingBodyId', operationIndex: 0 }]);
    });

    it('refuses a transfer to an abolished body', () => {
      const result = givenAbolishedDistrict().whenDecision(decision('12/QĐ-UBND', '2021-06-01', [{ type: 'TRANSFER', unitCode: 'BV-01', toGoverningBodyId: 'body-district' }]));
      expect(result.refusedCodes).toEqual(['GOVERNING_BODY_NOT_ACTIVE']);
    });

    it('accepts a body on the day before its abolition', () => {
      const result = givenAbolishedDistrict().whenDecision(decision('13/QĐ-UBND', '2020-12-31', [{ type: 'TRANSFER', unitCode: 'BV-01', toGoverningBodyId: 'body-district' }]));
      expect(result.ok).toBe(true);
    });
  });

  describe('SAME_UNIT_TWICE', () => {
    it('refuses a consolidation naming one source twice', () => {
      const result = when({ type: 'CONSOLIDATE', sourceUnitCodes: ['BV-01', 'BV-01'], newUnit: newUnit('N-1') });
      expect(result.refusals).toEqual([{ code: 'SAME_UNIT_TWICE', path: 'operations[0].sourceUnitCodes[1]', operationIndex: 0 }]);
    });

    it('refuses an absorption whose target is also a source, even named once by id and once by code', () => {
      const given = givenProvince();
      const result = given.whenDecision(decision('14/QĐ-UBND', ON, [{ type: 'ABSORB', targetUnitId: given.idOf('BV-01'), sourceUnitCodes: ['BV-01'] }]));
      expect(result.refusals).toEqual([{ code: 'SAME_UNIT_TWICE', path: 'operations[0].sourceUnitCodes[0]', operationIndex: 0 }]);
    });
  });

  describe('TRANSFER_TO_SAME_BODY', () => {
    it('refuses a transfer to the body the unit already belongs to', () => {
      expect(when({ type: 'TRANSFER', unitCode: 'BV-01', toGoverningBodyId: 'body-health' }).refusals).toEqual([
        { code: 'TRANSFER_TO_SAME_BODY', path: 'operations[0].toGoverningBodyId', operationIndex: 0 },
      ]);
    });
  });

  describe('a refused decision', () => {
    it('leaves nothing pending and reserves no code, even when earlier operations applied', () => {
      const result = when(
        { type: 'ESTABLISH', unit: newUnit('N-1') },
        { type: 'RENAME', unitCode: 'BV-01', newName: 'x' },
        { type: 'DISSOLVE', unitCode: 'BV-03', settlementRef: '' },
      );
      expect(result.ok).toBe(false);
      expect(result.changedNothing).toBe(true);
      expect(result.working.unitIdByCode('N-1')).toBeUndefined();
      expect(result.unit('BV-01').latest()?.attributes.name).toBe('Bệnh viện Đa khoa tỉnh');
    });

    it('explains every violation', () => {
      const result = when({ type: 'ESTABLISH', unit: newUnit('BV-01', { governingBodyId: 'body-404', staffingQuota: 1 }) });
      expect(result.refusedCodes).toEqual(['DUPLICATE_CODE', 'UNKNOWN_GOVERNING_BODY', 'MIN_STAFFING_FOR_NEW_UNIT']);
      for (const v of result.violations) expect(v.detail.length).toBeGreaterThan(10);
    });
  });
});
