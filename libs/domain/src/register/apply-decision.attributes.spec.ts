import { decision } from './testing/given-when-then';
import { givenProvince } from './testing/province';

/** Attribute changes keep the unit's identity and are dated. */
describe('applyDecision: attribute changes', () => {
  describe('RENAME', () => {
    const rename = decision('70/QĐ-UBND', '2020-01-01', [{ type: 'RENAME', unitCode: 'BV-02', newName: 'Bệnh viện Phổi tỉnh' }]);

    it('records UnitRenamed with the new and the previous name', () => {
      const result = givenProvince().whenDecision(rename);
      expect(result.eventLog).toEqual(['BV-02: UnitRenamed']);
      expect(result.eventOn('BV-02', 'UnitRenamed')).toMatchObject({ name: 'Bệnh viện Phổi tỉnh', previousName: 'Bệnh viện Lao và Bệnh phổi', effectiveDate: '2020-01-01' });
    });

    it('keeps the old name before the date, the new one from it, and the same id', () => {
      const unit = givenProvince().whenDecision(rename).unit('BV-02');
      expect(unit.asOf('2019-12-31')?.attributes.name).toBe('Bệnh viện Lao và Bệnh phổi');
      expect(unit.asOf('2020-01-01')).toMatchObject({ status: 'ACTIVE', validFrom: '2020-01-01', version: 2, attributes: { name: 'Bệnh viện Phổi tỉnh', code: 'BV-02' } });
    });

    it('names a unit by id as well as by code', () => {
      const given = givenProvince();
      const result = given.whenDecision(decision('71/QĐ-UBND', '2020-01-01', [{ type: 'RENAME', unitId: given.idOf('BV-02'), newName: 'Tên mới' }]));
      expect(result.eventOn('BV-02', 'UnitRenamed').name).toBe('Tên mới');
    });
  });

  describe('TRANSFER', () => {
    it('moves the unit to another body of the same system', () => {
      const result = givenProvince().whenDecision(decision('80/QĐ-UBND', '2021-05-01', [{ type: 'TRANSFER', unitCode: 'TH-01', toGoverningBodyId: 'body-health' }]));
      expect(result.eventOn('TH-01', 'UnitTransferred')).toMatchObject({
        fromGoverningBodyId: 'body-education',
        toGoverningBodyId: 'body-health',
        fromSystem: 'GOVERNMENT',
        toSystem: 'GOVERNMENT',
      });
    });

    it('moves the unit into the other system when the new body is of the other system', () => {
      const result = givenProvince().whenDecision(decision('81/QĐ-UBND', '2021-05-01', [{ type: 'TRANSFER', unitCode: 'BV-03', toGoverningBodyId: 'body-party' }]));
      expect(result.eventOn('BV-03', 'UnitTransferred')).toMatchObject({ fromSystem: 'GOVERNMENT', toSystem: 'PARTY_MASS', toGoverningBodyId: 'body-party' });
      const unit = result.unit('BV-03');
      expect(unit.asOf('2021-04-30')?.attributes).toMatchObject({ system: 'GOVERNMENT', governingBodyId: 'body-health' });
      expect(unit.asOf('2021-05-01')?.attributes).toMatchObject({ system: 'PARTY_MASS', governingBodyId: 'body-party', level: 'PROVINCE' });
    });

    it('moves a Party unit to a government body', () => {
      const result = givenProvince().whenDecision(decision('82/QĐ-UBND', '2021-05-01', [{ type: 'TRANSFER', unitCode: 'TT-01', toGoverningBodyId: 'body-education' }]));
      expect(result.unit('TT-01').asOf('2021-05-01')?.attributes.system).toBe('GOVERNMENT');
    });
  });

  describe('CHANGE_AUTONOMY', () => {
    it('records the new and previous group and sets it from the date', () => {
      const result = givenProvince().whenDecision(decision('90/QĐ-UBND', '2022-01-01', [{ type: 'CHANGE_AUTONOMY', unitCode: 'BV-01', autonomyGroup: 'G2' }]));
      expect(result.eventOn('BV-01', 'UnitAutonomyChanged')).toMatchObject({ autonomyGroup: 'G2', previousAutonomyGroup: 'G3' });
      expect(result.unit('BV-01').asOf('2021-12-31')?.attributes.autonomyGroup).toBe('G3');
      expect(result.unit('BV-01').asOf('2022-01-01')?.attributes.autonomyGroup).toBe('G2');
    });

    it('may lower autonomy: the reorganisation rule does not apply to it', () => {
      const result = givenProvince().whenDecision(decision('91/QĐ-UBND', '2022-01-01', [{ type: 'CHANGE_AUTONOMY', unitCode: 'BV-02', autonomyGroup: 'G4' }]));
      expect(result.ok).toBe(true);
      expect(result.unit('BV-02').asOf('2022-01-01')?.attributes.autonomyGroup).toBe('G4');
    });
  });

  describe('CHANGE_STAFFING_QUOTA', () => {
    it('records the new and previous quota and sets it from the date', () => {
      const result = givenProvince().whenDecision(decision('95/QĐ-UBND', '2022-01-01', [{ type: 'CHANGE_STAFFING_QUOTA', unitCode: 'BV-01', staffingQuota: 35 }]));
      expect(result.eventOn('BV-01', 'UnitStaffingQuotaChanged')).toMatchObject({ staffingQuota: 35, previousStaffingQuota: 40 });
      expect(result.unit('BV-01').asOf('2021-12-31')?.attributes.staffingQuota).toBe(40);
      expect(result.unit('BV-01').asOf('2022-01-01')?.attributes.staffingQuota).toBe(35);
    });

    it('may raise the quota: the reorganisation rule does not apply to it', () => {
      const result = givenProvince().whenDecision(decision('96/QĐ-UBND', '2022-01-01', [{ type: 'CHANGE_STAFFING_QUOTA', unitCode: 'BV-01', staffingQuota: 60 }]));
      expect(result.ok).toBe(true);
      expect(result.unit('BV-01').latest()?.attributes.staffingQuota).toBe(60);
    });

    it('may set a quota below the minimum for new units', () => {
      expect(givenProvince().whenDecision(decision('97/QĐ-UBND', '2022-01-01', [{ type: 'CHANGE_STAFFING_QUOTA', unitCode: 'BV-01', staffingQuota: 3 }])).ok).toBe(true);
    });
  });
});
