import { decision, newUnit } from './testing/given-when-then';
import { givenProvince } from './testing/province';

/** The six structural operations: events on each unit stream, and the timelines around the date. */
describe('applyDecision: structural operations', () => {
  describe('ESTABLISH', () => {
    const when = () => givenProvince().whenDecision(decision('10/QĐ-UBND', '2021-03-01', [{ type: 'ESTABLISH', unit: newUnit('CDC-01', { staffingQuota: 18 }) }]));

    it('records UnitEstablished on a new stream, with no predecessors and the decision behind it', () => {
      const result = when();
      expect(result.eventLog).toEqual(['CDC-01: UnitEstablished']);
      expect(result.eventOn('CDC-01', 'UnitEstablished')).toEqual({
        unitId: result.idOf('CDC-01'),
        effectiveDate: '2021-03-01',
        decision: { key: 'UBND tỉnh|10/QĐ-UBND', number: '10/QĐ-UBND', date: '2021-03-01', effectiveDate: '2021-03-01', issuer: 'UBND tỉnh', signer: 'Nguyễn Văn A' },
        operationIndex: 0,
        operation: 'ESTABLISH',
        predecessorIds: [],
        attributes: { code: 'CDC-01', name: 'Đơn vị CDC-01', system: 'GOVERNMENT', governingBodyId: 'body-health', level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 18 },
      });
    });

    it('reports the created unit with a fresh id', () => {
      const result = when();
      expect(result.createdUnits).toEqual([{ code: 'CDC-01', unitId: 'unit-6', operationIndex: 0 }]);
    });

    it('takes the system from the governing body when the new unit omits it', () => {
      const result = givenProvince().whenDecision(decision('11/QĐ-TU', '2021-03-01', [{ type: 'ESTABLISH', unit: newUnit('TT-02', { governingBodyId: 'body-party' }) }]));
      expect(result.eventOn('TT-02', 'UnitEstablished').attributes.system).toBe('PARTY_MASS');
    });

    it('keeps the basic essential service flag on the unit', () => {
      const result = givenProvince().whenDecision(decision('12/QĐ-UBND', '2021-03-01', [{ type: 'ESTABLISH', unit: newUnit('TYT-01', { staffingQuota: 5, basicEssentialService: true }) }]));
      expect(result.eventOn('TYT-01', 'UnitEstablished').attributes.basicEssentialService).toBe(true);
    });

    it('records the proposal behind the decision when there is one', () => {
      const result = givenProvince().whenDecision(decision('13/QĐ-UBND', '2021-03-01', [{ type: 'ESTABLISH', unit: newUnit('CDC-02') }], { proposalId: 'proposal-7' }));
      expect(result.eventOn('CDC-02', 'UnitEstablished').proposalId).toBe('proposal-7');
    });

    it('makes the unit exist from the effective date only', () => {
      const unit = when().unit('CDC-01');
      expect(unit.exists).toBe(true);
      expect(unit.asOf('2021-02-28')).toBeUndefined();
      expect(unit.asOf('2021-03-01')).toMatchObject({ status: 'ACTIVE', establishedOn: '2021-03-01', validFrom: '2021-03-01', version: 1 });
      expect(unit.asOf('2030-01-01')?.status).toBe('ACTIVE');
    });
  });

  describe('CONSOLIDATE', () => {
    const consolidation = decision('20/QĐ-UBND', '2021-07-01', [
      { type: 'CONSOLIDATE', sourceUnitCodes: ['BV-01', 'BV-02'], newUnit: newUnit('BV-10', { autonomyGroup: 'G2', staffingQuota: 65 }) },
    ]);

    it('creates a new unit with a new id and ends every source as MERGED', () => {
      const result = givenProvince().whenDecision(consolidation);
      expect(result.eventLog).toEqual(['BV-10: UnitEstablished', 'BV-01: UnitMerged', 'BV-02: UnitMerged']);
      const newId = result.idOf('BV-10');
      expect([result.idOf('BV-01'), result.idOf('BV-02')]).not.toContain(newId);
    });

    it('links the new unit to its predecessors and each source to its successor', () => {
      const result = givenProvince().whenDecision(consolidation);
      const newId = result.idOf('BV-10');
      expect(result.eventOn('BV-10', 'UnitEstablished')).toMatchObject({ operation: 'CONSOLIDATE', predecessorIds: [result.idOf('BV-01'), result.idOf('BV-02')] });
      expect(result.eventOn('BV-01', 'UnitMerged')).toMatchObject({ operation: 'CONSOLIDATE', successorIds: [newId], effectiveDate: '2021-07-01' });
      expect(result.eventOn('BV-02', 'UnitMerged')).toMatchObject({ operation: 'CONSOLIDATE', successorIds: [newId] });
    });

    it('carries the quota allocated to the new unit', () => {
      expect(givenProvince().whenDecision(consolidation).eventOn('BV-10', 'UnitEstablished').attributes).toMatchObject({ staffingQuota: 65, autonomyGroup: 'G2' });
    });

    it('leaves the sources active the day before and MERGED from the effective date, which is their endedOn', () => {
      const source = givenProvince().whenDecision(consolidation).unit('BV-01');
      expect(source.asOf('2021-06-30')).toMatchObject({ status: 'ACTIVE', validFrom: '2017-12-31' });
      expect(source.asOf('2021-07-01')).toMatchObject({ status: 'MERGED', endedOn: '2021-07-01', validFrom: '2021-07-01', version: 2 });
      expect(source.asOf('2025-01-01')).toMatchObject({ status: 'MERGED', endedOn: '2021-07-01' });
    });

    it('accepts sources named by id', () => {
      const given = givenProvince();
      const result = given.whenDecision(decision('21/QĐ-UBND', '2021-07-01', [
        { type: 'CONSOLIDATE', sourceUnitIds: [given.idOf('BV-01'), given.idOf('BV-03')], newUnit: newUnit('BV-11', { autonomyGroup: 'G3', staffingQuota: 60 }) },
      ]));
      expect(result.eventLog).toEqual(['BV-11: UnitEstablished', 'BV-01: UnitMerged', 'BV-03: UnitMerged']);
    });
  });

  describe('ABSORB', () => {
    it('ends each source as MERGED into the target, which continues with its id', () => {
      const result = givenProvince().whenDecision(decision('30/QĐ-UBND', '2022-01-01', [{ type: 'ABSORB', targetUnitCode: 'BV-01', sourceUnitCodes: ['BV-02', 'BV-03'] }]));
      expect(result.eventLog).toEqual(['BV-01: UnitAbsorbedUnits', 'BV-02: UnitMerged', 'BV-03: UnitMerged']);
      expect(result.eventOn('BV-01', 'UnitAbsorbedUnits').sourceIds).toEqual([result.idOf('BV-02'), result.idOf('BV-03')]);
      expect(result.eventOn('BV-02', 'UnitMerged')).toMatchObject({ operation: 'ABSORB', successorIds: [result.idOf('BV-01')] });
    });

    it('by default gives the target the sum of the quotas and the most autonomous group among target and sources', () => {
      const result = givenProvince().whenDecision(decision('31/QĐ-UBND', '2022-01-01', [{ type: 'ABSORB', targetUnitCode: 'BV-01', sourceUnitCodes: ['BV-02', 'BV-03'] }]));
      expect(result.eventOn('BV-01', 'UnitAbsorbedUnits')).toMatchObject({ staffingQuota: 40 + 30 + 25, autonomyGroup: 'G2' });
    });

    it('takes the quota and group the decision states', () => {
      const result = givenProvince().whenDecision(decision('32/QĐ-UBND', '2022-01-01', [
        { type: 'ABSORB', targetUnitCode: 'BV-03', sourceUnitCodes: ['BV-02'], staffingQuotaAfter: 50, autonomyGroupAfter: 'G1' },
      ]));
      expect(result.eventOn('BV-03', 'UnitAbsorbedUnits')).toMatchObject({ staffingQuota: 50, autonomyGroup: 'G1' });
    });

    it('changes the target from the effective date, keeping it active', () => {
      const target = givenProvince().whenDecision(decision('33/QĐ-UBND', '2022-01-01', [{ type: 'ABSORB', targetUnitCode: 'BV-01', sourceUnitCodes: ['BV-02'] }])).unit('BV-01');
      expect(target.asOf('2021-12-31')?.attributes).toMatchObject({ staffingQuota: 40, autonomyGroup: 'G3' });
      expect(target.asOf('2022-01-01')).toMatchObject({ status: 'ACTIVE', validFrom: '2022-01-01', attributes: { staffingQuota: 70, autonomyGroup: 'G2' } });
      expect(target.asOf('2022-01-01')?.endedOn).toBeUndefined();
    });
  });

  describe('DIVIDE', () => {
    const division = decision('40/QĐ-UBND', '2022-12-31', [
      { type: 'DIVIDE', sourceUnitCode: 'BV-01', newUnits: [newUnit('BV-20', { staffingQuota: 22 }), newUnit('BV-21', { staffingQuota: 18, autonomyGroup: 'G2' })] },
    ]);

    it('creates each new unit from the source and ends the source as MERGED into all of them', () => {
      const result = givenProvince().whenDecision(division);
      expect(result.eventLog).toEqual(['BV-20: UnitEstablished', 'BV-21: UnitEstablished', 'BV-01: UnitMerged']);
      const source = result.idOf('BV-01');
      expect(result.eventOn('BV-20', 'UnitEstablished')).toMatchObject({ operation: 'DIVIDE', predecessorIds: [source], attributes: { staffingQuota: 22 } });
      expect(result.eventOn('BV-21', 'UnitEstablished')).toMatchObject({ operation: 'DIVIDE', predecessorIds: [source], attributes: { staffingQuota: 18 } });
      expect(result.eventOn('BV-01', 'UnitMerged')).toMatchObject({ operation: 'DIVIDE', successorIds: [result.idOf('BV-20'), result.idOf('BV-21')] });
    });

    it('reports every created unit in order', () => {
      expect(givenProvince().whenDecision(division).createdUnits.map((c) => c.code)).toEqual(['BV-20', 'BV-21']);
    });

    it('ends the source on a 31 December and starts the new units that day', () => {
      const result = givenProvince().whenDecision(division);
      expect(result.unit('BV-01').asOf('2022-12-30')?.status).toBe('ACTIVE');
      expect(result.unit('BV-01').asOf('2022-12-31')).toMatchObject({ status: 'MERGED', endedOn: '2022-12-31' });
      expect(result.unit('BV-20').asOf('2022-12-30')).toBeUndefined();
      expect(result.unit('BV-20').asOf('2022-12-31')?.status).toBe('ACTIVE');
    });
  });

  describe('SEPARATE', () => {
    const separation = decision('50/QĐ-UBND', '2023-01-01', [
      { type: 'SEPARATE', sourceUnitCode: 'BV-01', newUnit: newUnit('BV-30', { staffingQuota: 15 }), sourceStaffingQuotaAfter: 25 },
    ]);

    it('creates the new unit from the source, which continues with its reduced quota', () => {
      const result = givenProvince().whenDecision(separation);
      expect(result.eventLog).toEqual(['BV-30: UnitEstablished', 'BV-01: UnitPartSeparated']);
      expect(result.eventOn('BV-30', 'UnitEstablished')).toMatchObject({ operation: 'SEPARATE', predecessorIds: [result.idOf('BV-01')] });
      expect(result.eventOn('BV-01', 'UnitPartSeparated')).toMatchObject({ newUnitId: result.idOf('BV-30'), staffingQuota: 25 });
    });

    it('keeps the source active with its old quota before the date and the new quota from it', () => {
      const source = givenProvince().whenDecision(separation).unit('BV-01');
      expect(source.asOf('2022-12-31')).toMatchObject({ status: 'ACTIVE', attributes: { staffingQuota: 40 } });
      expect(source.asOf('2023-01-01')).toMatchObject({ status: 'ACTIVE', validFrom: '2023-01-01', attributes: { staffingQuota: 25 } });
    });
  });

  describe('DISSOLVE', () => {
    const dissolution = decision('60/QĐ-UBND', '2021-10-15', [{ type: 'DISSOLVE', unitCode: 'BV-03', settlementRef: 'BB-12/2021 quyết toán tài sản, đất đai, công nợ' }]);

    it('records UnitDissolved with the settlement reference', () => {
      const result = givenProvince().whenDecision(dissolution);
      expect(result.eventLog).toEqual(['BV-03: UnitDissolved']);
      expect(result.eventOn('BV-03', 'UnitDissolved')).toMatchObject({ settlementRef: 'BB-12/2021 quyết toán tài sản, đất đai, công nợ', effectiveDate: '2021-10-15' });
      expect(result.createdUnits).toEqual([]);
    });

    it('makes the unit DISSOLVED from the effective date, keeping its last attributes', () => {
      const unit = givenProvince().whenDecision(dissolution).unit('BV-03');
      expect(unit.asOf('2021-10-14')?.status).toBe('ACTIVE');
      expect(unit.asOf('2021-10-15')).toMatchObject({ status: 'DISSOLVED', endedOn: '2021-10-15', attributes: { code: 'BV-03', staffingQuota: 25 } });
      expect(unit.isActiveOn('2021-10-15')).toBe(false);
      expect(unit.exists).toBe(true);
    });
  });
});
