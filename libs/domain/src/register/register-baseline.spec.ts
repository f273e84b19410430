import { Scenario, baselineUnit } from './testing/given-when-then';

const given = () =>
  Scenario.withStandardBodies().body({ id: 'body-gone', code: 'OLD' }, {
    type: 'GoverningBodyAbolished',
    data: { bodyId: 'body-gone', effectiveDate: '2015-01-01', decision: { number: 'NQ-1', date: '2014-12-01' }, transferUnitsTo: 'body-health' },
  });

describe('registerBaseline', () => {
  it('registers each unit with UnitRegistered, active from the baseline date, its system taken from its body', () => {
    const result = given().whenBaseline('2017-12-31', [baselineUnit('BV-01'), baselineUnit('TT-01', { governingBodyId: 'body-party' })]);
    expect(result.createdUnits).toEqual([
      { code: 'BV-01', unitId: 'unit-1' },
      { code: 'TT-01', unitId: 'unit-2' },
    ]);
    expect(result.eventLog).toEqual(['BV-01: UnitRegistered', 'TT-01: UnitRegistered']);
    expect(result.eventOn('TT-01', 'UnitRegistered')).toMatchObject({ unitId: 'unit-2', effectiveDate: '2017-12-31', registeredAsOf: '2017-12-31', attributes: { system: 'PARTY_MASS' } });
  });

  it('makes a unit exist from establishedOn when given, otherwise from the baseline date', () => {
    const result = given().whenBaseline('2017-12-31', [baselineUnit('BV-01', { establishedOn: '2005-09-01' }), baselineUnit('BV-02')]);
    expect(result.unit('BV-01').asOf('2005-08-31')).toBeUndefined();
    expect(result.unit('BV-01').asOf('2005-09-01')).toMatchObject({ status: 'ACTIVE', establishedOn: '2005-09-01' });
    expect(result.unit('BV-02').asOf('2017-12-30')).toBeUndefined();
    expect(result.unit('BV-02').asOf('2017-12-31')?.status).toBe('ACTIVE');
  });

  it('does not apply the rules for new units: a baseline unit may have a small quota', () => {
    expect(given().whenBaseline('2017-12-31', [baselineUnit('TYT-01', { staffingQuota: 3 })]).ok).toBe(true);
  });

  it('reserves the codes, so decisions can name the units by code', () => {
    const result = given().whenBaseline('2017-12-31', [baselineUnit('BV-01')]);
    expect(result.working.unitIdByCode('bv-01')).toBe('unit-1');
  });

  describe('refuses, all or nothing, naming the row', () => {
    it('a code repeated within the import (ignoring case)', () => {
      const result = given().whenBaseline('2017-12-31', [baselineUnit('BV-01'), baselineUnit('bv-01')]);
      expect(result.refusals).toEqual([{ code: 'DUPLICATE_CODE', path: 'units[1].code', row: 1 }]);
      expect(result.changedNothing).toBe(true);
    });

    it('a code already in the register', () => {
      const scenario = given().baseline('2017-12-31', [baselineUnit('BV-01')]);
      const result = scenario.whenBaseline('2017-12-31', [baselineUnit('BV-02'), baselineUnit('BV-01')]);
      expect(result.refusals).toEqual([{ code: 'DUPLICATE_CODE', path: 'units[1].code', row: 1 }]);
      expect(result.changedNothing).toBe(true);
    });

    it('an unknown body', () => {
      expect(given().whenBaseline('2017-12-31', [baselineUnit('BV-01', { governingBodyId: 'body-404' })]).refusals).toEqual([
        { code: 'UNKNOWN_GOVERNING_BODY', path: 'units[0].governingBodyId', row: 0 },
      ]);
    });

    it('a body abolished by the baseline date', () => {
      expect(given().whenBaseline('2017-12-31', [baselineUnit('BV-01', { governingBodyId: 'body-gone' })]).refusedCodes).toEqual(['GOVERNING_BODY_NOT_ACTIVE']);
    });

    it('a system other than the body\'s', () => {
      expect(given().whenBaseline('2017-12-31', [baselineUnit('BV-01', { system: 'PARTY_MASS' })]).refusals).toEqual([{ code: 'BODY_SYSTEM_MISMATCH', path: 'units[0].system', row: 0 }]);
    });

    it('an establishment date after the baseline date', () => {
      expect(given().whenBaseline('2017-12-31', [baselineUnit('BV-01', { establishedOn: '2018-01-01' })]).refusals).toEqual([
        { code: 'ESTABLISHED_AFTER_BASELINE', path: 'units[0].establishedOn', row: 0 },
      ]);
    });

    it('every bad row, and none of the good ones', () => {
      const result = given().whenBaseline('2017-12-31', [baselineUnit('BV-01'), baselineUnit('BV-02', { governingBodyId: 'body-404' }), baselineUnit('BV-03'), baselineUnit('BV-04', { system: 'PARTY_MASS' })]);
      expect(result.refusals.map((r) => r.row)).toEqual([1, 3]);
      expect(result.changedNothing).toBe(true);
      expect(result.working.unitIdByCode('BV-01')).toBeUndefined();
    });
  });
});
