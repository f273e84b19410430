import { decision, newUnit } from './testing/given-when-then';
import { givenProvince } from './testing/province';

describe('annulDecision', () => {
  describe('of an attribute change', () => {
    const given = () => givenProvince().decided(decision('1/QĐ-UBND', '2021-06-01', [{ type: 'RENAME', unitCode: 'BV-01', newName: 'Tên sai' }]));

    it('records UnitDecisionAnnulled on the touched unit', () => {
      const result = given().whenAnnulled('1/QĐ-UBND', 'nhầm tên');
      expect(result.eventLog).toEqual(['BV-01: UnitDecisionAnnulled']);
      expect(result.eventOn('BV-01', 'UnitDecisionAnnulled')).toEqual({
        unitId: result.idOf('BV-01'),
        decisionKey: 'UBND tỉnh|1/QĐ-UBND',
        effectiveDate: '2021-06-01',
        annulment: { number: 'A-1/QĐ-UBND', date: '2021-06-01', reason: 'nhầm tên' },
      });
    });

    it('returns the unit to its state before the decision', () => {
      const unit = given().whenAnnulled('1/QĐ-UBND').unit('BV-01');
      expect(unit.asOf('2021-06-01')).toMatchObject({ version: 1, validFrom: '2017-12-31', attributes: { name: 'Bệnh viện Đa khoa tỉnh' } });
      expect(unit.decisionKeys()).toEqual([]);
    });

    it('frees the date: another decision may then change the unit on it', () => {
      const result = given().whenAnnulled('1/QĐ-UBND').commit().whenDecision(decision('2/QĐ-UBND', '2021-06-01', [{ type: 'RENAME', unitCode: 'BV-01', newName: 'Tên đúng' }]));
      expect(result.ok).toBe(true);
      expect(result.unit('BV-01').asOf('2021-06-01')?.attributes.name).toBe('Tên đúng');
    });

    it('lets the same decision be recorded again after its annulment (a correction)', () => {
      const corrected = given()
        .annulled('1/QĐ-UBND')
        .decided(decision('1/QĐ-UBND', '2021-06-01', [{ type: 'RENAME', unitCode: 'BV-01', newName: 'Tên đúng' }]));
      expect(corrected.unit('BV-01').asOf('2021-06-01')).toMatchObject({ version: 2, attributes: { name: 'Tên đúng' } });
    });
  });

  describe('of an establishment', () => {
    const given = () => givenProvince().decided(decision('3/QĐ-UBND', '2021-06-01', [{ type: 'ESTABLISH', unit: newUnit('N-1') }]));

    it('makes the created unit cease to exist on every date', () => {
      const unit = given().whenAnnulled('3/QĐ-UBND').unit('N-1');
      expect(unit.exists).toBe(false);
      expect(unit.asOf('2021-06-01')).toBeUndefined();
      expect(unit.latest()).toBeUndefined();
    });

    it('is refused with CONFLICTING_DECISION when a later decision changed the created unit', () => {
      const given2 = given().decided(decision('4/QĐ-UBND', '2022-01-01', [{ type: 'RENAME', unitCode: 'N-1', newName: 'x' }]));
      const result = given2.whenAnnulled('3/QĐ-UBND');
      expect(result.refusedCodes).toEqual(['CONFLICTING_DECISION']);
      expect(result.violations[0].detail).toContain('UBND tỉnh|4/QĐ-UBND');
      expect(result.changedNothing).toBe(true);
    });
  });

  describe('of a consolidation', () => {
    const given = () =>
      givenProvince().decided(decision('5/QĐ-UBND', '2021-06-01', [{ type: 'CONSOLIDATE', sourceUnitCodes: ['BV-01', 'BV-02'], newUnit: newUnit('N-1', { autonomyGroup: 'G2', staffingQuota: 70 }) }]));

    it('annuls on every unit it touched', () => {
      expect(given().whenAnnulled('5/QĐ-UBND').eventLog.sort()).toEqual(['BV-01: UnitDecisionAnnulled', 'BV-02: UnitDecisionAnnulled', 'N-1: UnitDecisionAnnulled']);
    });

    it('makes the sources active again with no end date, and the new unit never exist', () => {
      const result = given().whenAnnulled('5/QĐ-UBND');
      expect(result.unit('BV-01').asOf('2021-06-01')).toMatchObject({ status: 'ACTIVE', version: 1 });
      expect(result.unit('BV-01').asOf('2021-06-01')?.endedOn).toBeUndefined();
      expect(result.unit('BV-02').isActiveOn('2030-01-01')).toBe(true);
      expect(result.unit('unit-6').exists).toBe(false);
    });

    it('is refused when a touched unit has a change at a later effective date, recorded before it', () => {
      const given2 = givenProvince().decided(decision('6/QĐ-UBND', '2022-01-01', [{ type: 'RENAME', unitCode: 'BV-03', newName: 'x' }]));
      const result = given2.decided(decision('7/QĐ-UBND', '2021-06-01', [{ type: 'ABSORB', targetUnitCode: 'BV-03', sourceUnitCodes: ['BV-02'] }])).whenAnnulled('7/QĐ-UBND');
      expect(result.refusedCodes).toEqual(['CONFLICTING_DECISION']);
      expect(result.violations[0].detail).toContain('BV-03');
    });
  });

  describe('of an absorption', () => {
    it('gives the target back its quota and group and the source its activity', () => {
      const result = givenProvince()
        .decided(decision('8/QĐ-UBND', '2021-06-01', [{ type: 'ABSORB', targetUnitCode: 'BV-01', sourceUnitCodes: ['BV-02'] }]))
        .whenAnnulled('8/QĐ-UBND');
      expect(result.unit('BV-01').asOf('2021-06-01')?.attributes).toMatchObject({ staffingQuota: 40, autonomyGroup: 'G3' });
      expect(result.unit('BV-02').isActiveOn('2021-06-01')).toBe(true);
    });
  });

  describe('of a division', () => {
    it('removes both new units and makes the source active again', () => {
      const result = givenProvince()
        .decided(decision('9/QĐ-UBND', '2021-06-01', [{ type: 'DIVIDE', sourceUnitCode: 'BV-01', newUnits: [newUnit('N-1'), newUnit('N-2')] }]))
        .whenAnnulled('9/QĐ-UBND');
      expect(result.unit('BV-01').isActiveOn('2021-06-01')).toBe(true);
      expect(result.unit('unit-6').exists).toBe(false);
      expect(result.unit('unit-7').exists).toBe(false);
    });
  });

  it('ignores decisions effective before the annulled one', () => {
    const result = givenProvince()
      .decided(decision('10/QĐ-UBND', '2022-01-01', [{ type: 'RENAME', unitCode: 'BV-01', newName: '2022' }]))
      .decided(decision('11/QĐ-UBND', '2019-01-01', [{ type: 'RENAME', unitCode: 'BV-01', newName: '2019' }]))
      .whenAnnulled('10/QĐ-UBND');
    expect(result.ok).toBe(true);
    expect(result.unit('BV-01').latest()?.attributes.name).toBe('2019');
  });

  it('is refused when a touched unit has a later-effective change, even one back-filled afterwards', () => {
    const result = givenProvince()
      .decided(decision('12/QĐ-UBND', '2020-01-01', [{ type: 'CHANGE_STAFFING_QUOTA', unitCode: 'BV-01', staffingQuota: 38 }]))
      .decided(decision('13/QĐ-UBND', '2021-01-01', [{ type: 'RENAME', unitCode: 'BV-01', newName: 'x' }]))
      .whenAnnulled('12/QĐ-UBND');
    expect(result.refusals).toEqual([{ code: 'CONFLICTING_DECISION' }]);
    expect(result.changedNothing).toBe(true);
  });
});
