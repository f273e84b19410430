import { previewDecision } from './preview-decision';
import { decision, newUnit } from './testing/given-when-then';
import { givenProvince } from './testing/province';

describe('previewDecision: the effect of a decision, without recording it', () => {
  describe('given two hospitals, when a consolidation is previewed', () => {
    const given = () => givenProvince();
    const when = (scenario = given()) =>
      previewDecision(scenario.store, decision('PREVIEW', '2021-07-01', [{ type: 'CONSOLIDATE', sourceUnitCodes: ['BV-01', 'BV-02'], newUnit: newUnit('BV-NEW', { staffingQuota: 60, autonomyGroup: 'G2' }) }]), scenario.newId);

    it('shows both sources active before and merged after, on the effective date', () => {
      const preview = when();
      expect(preview.ok).toBe(true);
      const byCode = Object.fromEntries(preview.units.map((u) => [u.code, u]));
      expect(byCode['BV-01'].before).toMatchObject({ status: 'ACTIVE' });
      expect(byCode['BV-01'].after).toMatchObject({ status: 'MERGED', endedOn: '2021-07-01' });
      expect(byCode['BV-02'].after?.status).toBe('MERGED');
    });

    it('shows the new unit only after, with its attributes', () => {
      const preview = when();
      const created = preview.units.find((u) => u.code === 'BV-NEW');
      expect(created?.before).toBeUndefined();
      expect(created?.after).toMatchObject({ status: 'ACTIVE', attributes: { name: 'Đơn vị BV-NEW', staffingQuota: 60 } });
      expect(preview.ok && preview.createdUnitIds).toEqual([created?.unitId]);
    });

    it('records nothing: the register still has both hospitals active and no new code', () => {
      const scenario = given();
      when(scenario);
      expect(scenario.unit('BV-01').asOf('2021-07-01')?.status).toBe('ACTIVE');
      expect(scenario.store.unitIdByCode('BV-NEW')).toBeUndefined();
    });
  });

  describe('given a rename, when previewed', () => {
    it('shows the old name before and the new one after', () => {
      const scenario = givenProvince();
      const preview = previewDecision(scenario.store, decision('PREVIEW', '2022-01-01', [{ type: 'RENAME', unitCode: 'BV-03', newName: 'Bệnh viện Phục hồi chức năng' }]), scenario.newId);
      expect(preview.units).toHaveLength(1);
      expect(preview.units[0].before?.attributes.name).toBe('Bệnh viện Y học cổ truyền');
      expect(preview.units[0].after?.attributes.name).toBe('Bệnh viện Phục hồi chức năng');
    });
  });

  describe('given a unit already dissolved, when its dissolution is previewed again', () => {
    it('answers the violations and the unit as it stands, unchanged', () => {
      const scenario = givenProvince().decided(decision('1/QĐ', '2020-01-01', [{ type: 'DISSOLVE', unitCode: 'BV-03', settlementRef: 'PA-1' }]));
      const preview = previewDecision(scenario.store, decision('PREVIEW', '2021-01-01', [{ type: 'DISSOLVE', unitCode: 'BV-03', settlementRef: 'PA-2' }]), scenario.newId);
      expect(preview.ok).toBe(false);
      expect(!preview.ok && preview.violations.map((v) => v.code)).toContain('UNIT_NOT_ACTIVE');
      expect(preview.units[0].before?.status).toBe('DISSOLVED');
      expect(preview.units[0].after).toEqual(preview.units[0].before);
    });
  });
});
