import { decision, newUnit } from './testing/given-when-then';
import { givenProvince } from './testing/province';

describe('applyDecision: operations apply in order within one decision', () => {
  it('lets a later operation name, by code, a unit an earlier one created', () => {
    const result = givenProvince().whenDecision(decision('100/QĐ-UBND', '2021-06-01', [
      { type: 'ESTABLISH', unit: newUnit('TTYT-01', { staffingQuota: 20 }) },
      { type: 'ABSORB', targetUnitCode: 'TTYT-01', sourceUnitCodes: ['BV-03'] },
      { type: 'RENAME', unitCode: 'TTYT-01', newName: 'Trung tâm Y tế hợp nhất' },
    ]));
    expect(result.ok).toBe(true);
    expect(result.eventLog).toEqual(['TTYT-01: UnitEstablished', 'TTYT-01: UnitAbsorbedUnits', 'BV-03: UnitMerged', 'TTYT-01: UnitRenamed']);
    expect(result.unit('TTYT-01').asOf('2021-06-01')).toMatchObject({ version: 3, attributes: { staffingQuota: 45, name: 'Trung tâm Y tế hợp nhất' } });
  });

  it('records each event with the index of the operation that produced it', () => {
    const result = givenProvince().whenDecision(decision('101/QĐ-UBND', '2021-06-01', [
      { type: 'RENAME', unitCode: 'BV-01', newName: 'A' },
      { type: 'CHANGE_STAFFING_QUOTA', unitCode: 'BV-01', staffingQuota: 38 },
    ]));
    expect(result.eventsOn('BV-01').map((e) => ('operationIndex' in e.data ? e.data.operationIndex : undefined))).toEqual([0, 1]);
  });

  it('lets one decision change the same unit twice: it is not a conflict with itself', () => {
    const result = givenProvince().whenDecision(decision('102/QĐ-UBND', '2021-06-01', [
      { type: 'RENAME', unitCode: 'BV-01', newName: 'Tên 1' },
      { type: 'RENAME', unitCode: 'BV-01', newName: 'Tên 2' },
    ]));
    expect(result.eventLog).toEqual(['BV-01: UnitRenamed', 'BV-01: UnitRenamed']);
    expect(result.unit('BV-01').asOf('2021-06-01')?.attributes.name).toBe('Tên 2');
  });

  it('refuses a unit ended by an earlier operation of the same decision as UNIT_NOT_ACTIVE, naming the later operation', () => {
    const result = givenProvince().whenDecision(decision('103/QĐ-UBND', '2021-06-01', [
      { type: 'DISSOLVE', unitCode: 'BV-03', settlementRef: 'BB-1' },
      { type: 'RENAME', unitCode: 'BV-03', newName: 'Quá muộn' },
    ]));
    expect(result.refusals).toEqual([{ code: 'UNIT_NOT_ACTIVE', path: 'operations[1].unitCode', operationIndex: 1 }]);
    expect(result.violations[0].detail).toContain('ended on 2021-06-01 (DISSOLVED)');
  });

  it('refuses a source merged by op 1 named again by op 2, and keeps none of op 1', () => {
    const result = givenProvince().whenDecision(decision('104/QĐ-UBND', '2021-06-01', [
      { type: 'ABSORB', targetUnitCode: 'BV-01', sourceUnitCodes: ['BV-02'] },
      { type: 'ABSORB', targetUnitCode: 'BV-02', sourceUnitCodes: ['BV-03'] },
    ]));
    expect(result.refusals).toEqual([{ code: 'UNIT_NOT_ACTIVE', path: 'operations[1].targetUnitCode', operationIndex: 1 }]);
    expect(result.changedNothing).toBe(true);
  });

  it('refuses a later operation when an earlier one fails, reporting only the first failing operation', () => {
    const result = givenProvince().whenDecision(decision('105/QĐ-UBND', '2021-06-01', [
      { type: 'RENAME', unitCode: 'NO-SUCH', newName: 'x' },
      { type: 'RENAME', unitCode: 'NO-SUCH-EITHER', newName: 'y' },
    ]));
    expect(result.refusals).toEqual([{ code: 'UNKNOWN_UNIT', path: 'operations[0].unitCode', operationIndex: 0 }]);
  });

  it('gives the earlier operations\' units their ids in order, so ids are deterministic', () => {
    const result = givenProvince().whenDecision(decision('106/QĐ-UBND', '2021-06-01', [
      { type: 'ESTABLISH', unit: newUnit('N-1') },
      { type: 'DIVIDE', sourceUnitCode: 'N-1', newUnits: [newUnit('N-2', { staffingQuota: 10, basicEssentialService: true }), newUnit('N-3', { staffingQuota: 10, basicEssentialService: true })] },
    ]));
    expect(result.createdUnits).toEqual([
      { code: 'N-1', unitId: 'unit-6', operationIndex: 0 },
      { code: 'N-2', unitId: 'unit-7', operationIndex: 1 },
      { code: 'N-3', unitId: 'unit-8', operationIndex: 1 },
    ]);
    expect(result.unit('N-1').asOf('2021-06-01')).toMatchObject({ status: 'MERGED', establishedOn: '2021-06-01', endedOn: '2021-06-01' });
  });
});
