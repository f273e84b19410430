import type { Operation } from './operations';
import { decision, newUnit } from './testing/given-when-then';
import { givenProvince } from './testing/province';

const refusalOf = (operation: Operation) => givenProvince().whenDecision(decision('900/QĐ-UBND', '2021-06-01', [operation]));

describe('applyDecision: operations the schema should have refused never crash a decision', () => {
  it.each<[string, Operation, string]>([
    ['a rename naming no unit', { type: 'RENAME', newName: 'X' }, 'operations[0].unitId'],
    ['a dissolution naming no unit', { type: 'DISSOLVE', settlementRef: 'BB-1' }, 'operations[0].unitId'],
    ['a separation naming no source', { type: 'SEPARATE', newUnit: newUnit('MOI-1'), sourceStaffingQuotaAfter: 5 }, 'operations[0].sourceUnitId'],
    ['an absorption without a target', { type: 'ABSORB', sourceUnitCodes: ['BV-03'] }, 'operations[0].targetUnitId'],
    ['a consolidation of one unit', { type: 'CONSOLIDATE', sourceUnitCodes: ['BV-03'], newUnit: newUnit('MOI-2') }, 'operations[0].sourceUnitIds'],
    ['a division into one unit', { type: 'DIVIDE', sourceUnitCode: 'BV-03', newUnits: [newUnit('MOI-3')] }, 'operations[0].newUnits'],
    ['a unit named by id and code at once', { type: 'RENAME', unitId: 'unit-1', unitCode: 'BV-01', newName: 'X' }, 'operations[0].unitId'],
  ])('refuses %s as INVALID_OPERATION and changes nothing', (_, operation, path) => {
    const result = refusalOf(operation);
    expect(result.refusals).toEqual([{ code: 'INVALID_OPERATION', path, operationIndex: 0 }]);
    expect(result.changedNothing).toBe(true);
  });
});
