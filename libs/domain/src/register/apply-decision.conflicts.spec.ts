import { decision, newUnit } from './testing/given-when-then';
import { givenProvince } from './testing/province';

describe('applyDecision: conflicts and back-fills', () => {
  describe('two decisions on one unit and date', () => {
    const given = () => givenProvince().decided(decision('1/QĐ-UBND', '2021-06-01', [{ type: 'RENAME', unitCode: 'BV-01', newName: 'Tên theo QĐ 1' }]));

    it('refuses the later-recorded decision with CONFLICTING_DECISION naming the earlier one', () => {
      const result = given().whenDecision(decision('2/QĐ-UBND', '2021-06-01', [{ type: 'CHANGE_STAFFING_QUOTA', unitCode: 'BV-01', staffingQuota: 35 }]));
      expect(result.refusals).toEqual([{ code: 'CONFLICTING_DECISION', path: 'operations[0].unitCode', operationIndex: 0 }]);
      expect(result.violations[0].detail).toContain('UBND tỉnh|1/QĐ-UBND');
      expect(result.changedNothing).toBe(true);
    });

    it('refuses a structural change on the same date too, e.g. an absorption naming the unit as target', () => {
      const result = given().whenDecision(decision('3/QĐ-UBND', '2021-06-01', [{ type: 'ABSORB', targetUnitCode: 'BV-01', sourceUnitCodes: ['BV-02'] }]));
      expect(result.refusals).toEqual([{ code: 'CONFLICTING_DECISION', path: 'operations[0].targetUnitCode', operationIndex: 0 }]);
    });

    it('accepts another decision on the same date for a different unit', () => {
      expect(given().whenDecision(decision('4/QĐ-UBND', '2021-06-01', [{ type: 'RENAME', unitCode: 'BV-02', newName: 'x' }])).ok).toBe(true);
    });

    it('accepts another decision on the same unit the next day', () => {
      expect(given().whenDecision(decision('5/QĐ-UBND', '2021-06-02', [{ type: 'RENAME', unitCode: 'BV-01', newName: 'x' }])).ok).toBe(true);
    });

    it('treats a decision from another issuer with the same number as a different decision', () => {
      const result = given().whenDecision(decision('1/QĐ-UBND', '2021-06-01', [{ type: 'RENAME', unitCode: 'BV-01', newName: 'x' }], { issuer: 'Tỉnh ủy' }));
      expect(result.refusedCodes).toEqual(['CONFLICTING_DECISION']);
    });
  });

  describe('a back-fill that ends a unit with later changes', () => {
    const givenLaterRename = () => givenProvince().decided(decision('10/QĐ-UBND', '2022-03-01', [{ type: 'RENAME', unitCode: 'BV-02', newName: 'Tên 2022' }]));

    it('is refused for a dissolution', () => {
      const result = givenLaterRename().whenDecision(decision('11/QĐ-UBND', '2021-01-01', [{ type: 'DISSOLVE', unitCode: 'BV-02', settlementRef: 'BB-11' }]));
      expect(result.refusals).toEqual([{ code: 'CONFLICTING_DECISION', path: 'operations[0].unitCode', operationIndex: 0 }]);
      expect(result.violations[0].detail).toContain('later decisions change it');
    });

    it('is refused for an absorption naming the unit as a source', () => {
      const result = givenLaterRename().whenDecision(decision('12/QĐ-UBND', '2021-01-01', [{ type: 'ABSORB', targetUnitCode: 'BV-01', sourceUnitCodes: ['BV-02'] }]));
      expect(result.refusals).toEqual([{ code: 'CONFLICTING_DECISION', path: 'operations[0].sourceUnitCodes[0]', operationIndex: 0 }]);
    });

    it('is refused for a consolidation and a division', () => {
      const consolidation = decision('13/QĐ-UBND', '2021-01-01', [{ type: 'CONSOLIDATE', sourceUnitCodes: ['BV-01', 'BV-02'], newUnit: newUnit('N-1', { autonomyGroup: 'G2', staffingQuota: 70 }) }]);
      const division = decision('14/QĐ-UBND', '2021-01-01', [{ type: 'DIVIDE', sourceUnitCode: 'BV-02', newUnits: [newUnit('N-1', { autonomyGroup: 'G2' }), newUnit('N-2', { autonomyGroup: 'G2' })] }]);
      expect(givenLaterRename().whenDecision(consolidation).refusedCodes).toEqual(['CONFLICTING_DECISION']);
      expect(givenLaterRename().whenDecision(division).refusedCodes).toEqual(['CONFLICTING_DECISION']);
    });

    it('is refused when the later change is itself an ending', () => {
      const given = givenProvince().decided(decision('15/QĐ-UBND', '2023-01-01', [{ type: 'DISSOLVE', unitCode: 'BV-03', settlementRef: 'BB-15' }]));
      expect(given.whenDecision(decision('16/QĐ-UBND', '2020-01-01', [{ type: 'DISSOLVE', unitCode: 'BV-03', settlementRef: 'BB-16' }])).refusedCodes).toEqual(['CONFLICTING_DECISION']);
    });

    it('is accepted when the unit is only the continuing target of an absorption', () => {
      const result = givenLaterRename().whenDecision(decision('17/QĐ-UBND', '2021-01-01', [{ type: 'ABSORB', targetUnitCode: 'BV-02', sourceUnitCodes: ['BV-03'] }]));
      expect(result.ok).toBe(true);
      expect(result.unit('BV-02').asOf('2022-03-01')).toMatchObject({ status: 'ACTIVE', attributes: { name: 'Tên 2022', staffingQuota: 55 } });
    });
  });

  describe('a back-filled rename before a later dissolution', () => {
    const given = () => givenProvince().decided(decision('20/QĐ-UBND', '2022-07-01', [{ type: 'DISSOLVE', unitCode: 'BV-03', settlementRef: 'BB-20' }]));
    const backFill = decision('21/QĐ-UBND', '2020-01-01', [{ type: 'RENAME', unitCode: 'BV-03', newName: 'Bệnh viện Y dược cổ truyền' }], { date: '2019-12-15' });

    it('is accepted', () => {
      expect(given().whenDecision(backFill).ok).toBe(true);
    });

    it('shows both changes on the timeline in effective order', () => {
      const unit = given().whenDecision(backFill).unit('BV-03');
      expect(unit.asOf('2019-12-31')).toMatchObject({ status: 'ACTIVE', version: 1, attributes: { name: 'Bệnh viện Y học cổ truyền' } });
      expect(unit.asOf('2020-01-01')).toMatchObject({ status: 'ACTIVE', version: 2, validFrom: '2020-01-01', attributes: { name: 'Bệnh viện Y dược cổ truyền' } });
      expect(unit.asOf('2022-07-01')).toMatchObject({ status: 'DISSOLVED', version: 3, endedOn: '2022-07-01', attributes: { name: 'Bệnh viện Y dược cổ truyền' } });
      expect(unit.decisionKeys()).toEqual(['UBND tỉnh|21/QĐ-UBND', 'UBND tỉnh|20/QĐ-UBND']);
    });
  });

  describe('back-fills recorded out of order', () => {
    const given = () =>
      givenProvince()
        .decided(decision('30/QĐ-UBND', '2022-01-01', [{ type: 'CHANGE_STAFFING_QUOTA', unitCode: 'BV-01', staffingQuota: 36 }]))
        .decided(decision('31/QĐ-UBND', '2019-01-01', [{ type: 'RENAME', unitCode: 'BV-01', newName: 'Tên 2019' }]))
        .decided(decision('32/QĐ-UBND', '2020-12-31', [{ type: 'CHANGE_AUTONOMY', unitCode: 'BV-01', autonomyGroup: 'G2' }]));

    it.each([
      ['2018-12-31', 1, '2017-12-31', 'Bệnh viện Đa khoa tỉnh', 'G3', 40],
      ['2019-01-01', 2, '2019-01-01', 'Tên 2019', 'G3', 40],
      ['2020-12-30', 2, '2019-01-01', 'Tên 2019', 'G3', 40],
      ['2020-12-31', 3, '2020-12-31', 'Tên 2019', 'G2', 40],
      ['2021-12-31', 3, '2020-12-31', 'Tên 2019', 'G2', 40],
      ['2022-01-01', 4, '2022-01-01', 'Tên 2019', 'G2', 36],
    ])('as of %s the unit is at version %i since %s', (date, version, validFrom, name, autonomyGroup, staffingQuota) => {
      expect(given().unit('BV-01').asOf(date)).toMatchObject({ version, validFrom, attributes: { name, autonomyGroup, staffingQuota } });
    });

    it('records the previous value as it stood on the back-filled date', () => {
      const result = given().whenDecision(decision('33/QĐ-UBND', '2021-06-01', [{ type: 'CHANGE_STAFFING_QUOTA', unitCode: 'BV-01', staffingQuota: 38 }]));
      expect(result.eventOn('BV-01', 'UnitStaffingQuotaChanged')).toMatchObject({ staffingQuota: 38, previousStaffingQuota: 40 });
    });

    it('checks activity on the back-filled date, not on the latest state', () => {
      const given = givenProvince().decided(decision('34/QĐ-UBND', '2022-01-01', [{ type: 'ABSORB', targetUnitCode: 'BV-01', sourceUnitCodes: ['BV-03'] }]));
      const result = given.whenDecision(decision('35/QĐ-UBND', '2021-01-01', [{ type: 'CHANGE_STAFFING_QUOTA', unitCode: 'BV-03', staffingQuota: 20 }]));
      expect(result.ok).toBe(true);
    });
  });
});
