import type { LevelValidity } from './level-validity';
import { Scenario, baselineUnit, decision } from './testing/given-when-then';

const LEVELS: LevelValidity[] = [{ level: 'DISTRICT', validTo: '2025-07-01' }];

/** Departments as before 2025-03-01, a district People's Committee, two new communes. */
function givenDepartmentsAndDistrict(): Scenario {
  return Scenario.withStandardBodies()
    .body({ id: 'body-labour', code: 'SLDTBXH', name: 'Sở Lao động - Thương binh và Xã hội' })
    .body({ id: 'body-home', code: 'SNV', name: 'Sở Nội vụ' })
    .body({ id: 'body-district', code: 'UBND-H1', name: 'UBND huyện Bạch Thông', level: 'DISTRICT' })
    .body({ id: 'body-commune-a', code: 'UBND-XA', name: 'UBND xã Phủ Thông', level: 'COMMUNE' })
    .body({ id: 'body-commune-b', code: 'UBND-XB', name: 'UBND xã Cẩm Giàng', level: 'COMMUNE' })
    .baseline('2024-12-31', [
      baselineUnit('LD-01', { governingBodyId: 'body-labour', sector: 'LABOUR_SOCIAL' }),
      baselineUnit('LD-02', { governingBodyId: 'body-labour', sector: 'LABOUR_SOCIAL' }),
      baselineUnit('LD-03', { governingBodyId: 'body-labour', sector: 'EDUCATION' }),
      baselineUnit('H1-MN', { governingBodyId: 'body-district', level: 'DISTRICT', sector: 'EDUCATION' }),
      baselineUnit('H1-TH', { governingBodyId: 'body-district', level: 'DISTRICT', sector: 'EDUCATION' }),
      baselineUnit('H1-GDNN', { governingBodyId: 'body-district', level: 'DISTRICT', sector: 'EDUCATION' }),
      baselineUnit('H1-TTYT', { governingBodyId: 'body-district', level: 'DISTRICT', sector: 'HEALTH' }),
    ]);
}

const transfersOf = (result: { working: { pending: { unitId: string; event: { type: string; data: unknown } }[] } }) =>
  result.working.pending.filter((p) => p.event.type === 'UnitTransferred').map((p) => p.event.data as { unitId: string; toGoverningBodyId: string; decision: { number: string }; bodyOperation?: string });

describe('a governing-body restructuring decision', () => {
  describe('merging several bodies into one (2025-03-01 department mergers)', () => {
    it('given Labour and Home Affairs, when Labour merges into Home Affairs, then its units follow, each as a transfer naming the decision, and both bodies record the lineage', () => {
      const given = givenDepartmentsAndDistrict();
      const merged = given.whenDecision({ ...decision('16/NQ-HĐND', '2025-03-01', []), bodyOperations: [{ type: 'MERGE_BODIES', sourceBodyCodes: ['SLDTBXH'], successorBodyCode: 'SNV' }] });
      expect(merged.violations).toEqual([]);
      const transfers = transfersOf(merged);
      expect(transfers.map((t) => [merged.working.unit(t.unitId)!.latest()!.attributes.code, t.toGoverningBodyId, t.decision.number, t.bodyOperation])).toEqual(
        expect.arrayContaining([
          ['LD-01', 'body-home', '16/NQ-HĐND', 'MERGE_BODIES'],
          ['LD-02', 'body-home', '16/NQ-HĐND', 'MERGE_BODIES'],
          ['LD-03', 'body-home', '16/NQ-HĐND', 'MERGE_BODIES'],
        ]),
      );
      expect(transfers).toHaveLength(3);
      expect(merged.working.pendingBodies.map((p) => `${p.bodyId}: ${p.event.type}`)).toEqual(['body-labour: GoverningBodyMerged', 'body-home: GoverningBodyReceivedFrom']);
      expect(merged.working.body('body-labour')!.asOf('2025-02-28')!.status).toBe('ACTIVE');
      expect(merged.working.body('body-labour')!.asOf('2025-03-01')).toMatchObject({ status: 'ABOLISHED', abolishedOn: '2025-03-01' });
      expect(merged.working.body('body-home')!.lineage()).toEqual([expect.objectContaining({ predecessorId: 'body-labour', successorId: 'body-home', changeType: 'MERGE_BODIES' })]);
      expect(merged.working.body('body-labour')!.lineage()).toEqual([expect.objectContaining({ predecessorId: 'body-labour', successorId: 'body-home', changeType: 'MERGE_BODIES' })]);
    });

    it('given Labour, when it merges into a body established by the same decision and one unit is reassigned, then the unit goes to its own destination and the rest to the new body', () => {
      const given = givenDepartmentsAndDistrict();
      const result = given.whenDecision({
        ...decision('17/NQ-HĐND', '2025-03-01', []),
        bodyOperations: [
          { type: 'ESTABLISH_BODY', body: { code: 'SNV-MOI', name: 'Sở Nội vụ (mới)', system: 'GOVERNMENT', level: 'PROVINCE' } },
          { type: 'MERGE_BODIES', sourceBodyCodes: ['SLDTBXH', 'SNV'], successorBodyCode: 'SNV-MOI', unitDestinations: [{ unitCode: 'LD-03', toBodyId: 'body-education' }] },
        ],
      });
      expect(result.violations).toEqual([]);
      const newBody = result.working.bodyIdByCode('SNV-MOI')!;
      const where = Object.fromEntries(transfersOf(result).map((t) => [result.working.unit(t.unitId)!.latest()!.attributes.code, t.toGoverningBodyId]));
      expect(where).toEqual({ 'LD-01': newBody, 'LD-02': newBody, 'LD-03': 'body-education' });
      expect(result.working.body(newBody)!.asOf('2025-02-28')).toBeUndefined();
      expect(result.working.body(newBody)!.asOf('2025-03-01')).toMatchObject({ code: 'SNV-MOI', status: 'ACTIVE' });
      expect(result.working.reservedBodyCodes).toEqual([{ code: 'SNV-MOI', bodyId: newBody }]);
      // Education received a Labour unit only: Home Affairs (which sent it nothing) is not its predecessor.
      expect(result.working.body('body-education')!.lineage().map((l) => l.predecessorId)).toEqual(['body-labour']);
      expect(result.working.body('body-home')!.lineage().map((l) => l.successorId)).toEqual([newBody]);
      expect(result.working.body(newBody)!.lineage().map((l) => l.predecessorId).sort()).toEqual(['body-home', 'body-labour']);
    });

    it('refuses a unit reassigned that is not under a merged body, changing nothing', () => {
      const result = givenDepartmentsAndDistrict().whenDecision({
        ...decision('18/NQ-HĐND', '2025-03-01', []),
        bodyOperations: [{ type: 'MERGE_BODIES', sourceBodyCodes: ['SLDTBXH'], successorBodyCode: 'SNV', unitDestinations: [{ unitCode: 'H1-MN', toBodyId: 'body-education' }] }],
      });
      expect(result.refusals).toEqual([{ code: 'UNIT_NOT_UNDER_BODY', path: 'bodyOperations[0].unitDestinations[0]' }]);
      expect(result.violations[0].params).toMatchObject({ unit: 'H1-MN' });
      expect(result.changedNothing && result.working.pendingBodies.length === 0).toBe(true);
    });
  });

  describe('splitting a district People\'s Committee among communes and departments (2025-07-01)', () => {
    const split = (number: string, effectiveDate: string) => ({
      ...decision(number, effectiveDate, []),
      levels: LEVELS,
      bodyOperations: [
        {
          type: 'SPLIT_BODY' as const,
          bodyCode: 'UBND-H1',
          defaultBodyCode: 'UBND-XA',
          unitDestinations: [
            { unitCode: 'H1-TH', toBodyCode: 'UBND-XB' },
            { unitCode: 'H1-GDNN', toBodyId: 'body-education' },
            { unitCode: 'H1-TTYT', toBodyId: 'body-health' },
          ],
        },
      ],
    });

    it('given a district with four units, when it is split on 2025-07-01, then each unit goes to its destination (the rest to the default) and the district ends with several successors', () => {
      const result = givenDepartmentsAndDistrict().whenDecision(split('19/NQ-HĐND', '2025-07-01'));
      expect(result.violations).toEqual([]);
      const where = Object.fromEntries(transfersOf(result).map((t) => [result.working.unit(t.unitId)!.latest()!.attributes.code, t.toGoverningBodyId]));
      expect(where).toEqual({ 'H1-MN': 'body-commune-a', 'H1-TH': 'body-commune-b', 'H1-GDNN': 'body-education', 'H1-TTYT': 'body-health' });
      const district = result.working.body('body-district')!;
      expect(district.asOf('2025-07-01')).toMatchObject({ status: 'ABOLISHED', abolishedOn: '2025-07-01' });
      expect(district.lineage().map((l) => l.successorId).sort()).toEqual(['body-commune-a', 'body-commune-b', 'body-education', 'body-health']);
      expect(result.working.body('body-health')!.lineage()).toEqual([expect.objectContaining({ predecessorId: 'body-district', changeType: 'SPLIT_BODY' })]);
    });

    it('given the same district, when the split is effective the day before (2025-06-30), then it applies too (the district level still exists)', () => {
      expect(givenDepartmentsAndDistrict().whenDecision(split('20/NQ-HĐND', '2025-06-30')).violations).toEqual([]);
    });

    it('refuses a split that leaves a unit without destination or default', () => {
      const result = givenDepartmentsAndDistrict().whenDecision({
        ...decision('21/NQ-HĐND', '2025-07-01', []),
        bodyOperations: [{ type: 'SPLIT_BODY', bodyCode: 'UBND-H1', unitDestinations: [{ unitCode: 'H1-TH', toBodyCode: 'UBND-XB' }] }],
      });
      expect(result.refusedCodes).toEqual(['UNIT_WITHOUT_DESTINATION']);
      expect(result.changedNothing).toBe(true);
    });

    it('keeps a body that continues: only the named units leave it', () => {
      const result = givenDepartmentsAndDistrict().whenDecision({
        ...decision('22/QĐ-UBND', '2025-05-01', []),
        bodyOperations: [{ type: 'SPLIT_BODY', bodyCode: 'UBND-H1', bodyContinues: true, unitDestinations: [{ unitCode: 'H1-TTYT', toBodyId: 'body-health' }] }],
      });
      expect(result.violations).toEqual([]);
      expect(transfersOf(result)).toHaveLength(1);
      expect(result.working.body('body-district')!.asOf('2025-05-01')!.status).toBe('ACTIVE');
    });
  });

  describe('the end of the district level (data: DISTRICT valid to 2025-07-01)', () => {
    it('refuses, from 2025-07-01, a body established at DISTRICT, naming the legal source in both languages', () => {
      const result = givenDepartmentsAndDistrict().whenDecision({
        ...decision('23/QĐ-UBND', '2025-07-01', []),
        levels: LEVELS,
        bodyOperations: [{ type: 'ESTABLISH_BODY', body: { code: 'UBND-H2', name: 'UBND huyện mới', system: 'GOVERNMENT', level: 'DISTRICT' } }],
      });
      expect(result.refusals).toEqual([{ code: 'LEVEL_NOT_IN_EFFECT', path: 'bodyOperations[0].body.level' }]);
      expect(result.violations[0].detail).toContain('Resolution 203/2025/QH15');
      expect(result.violations[0]).toMatchObject({ variant: 'body', params: { source: { vi: expect.stringContaining('Nghị quyết 203/2025/QH15') } } });
      expect(result.working.reservedBodyCodes).toEqual([]);
    });

    it('accepts the same establishment effective 2025-06-30', () => {
      const result = givenDepartmentsAndDistrict().whenDecision({
        ...decision('24/QĐ-UBND', '2025-06-30', []),
        levels: LEVELS,
        bodyOperations: [{ type: 'ESTABLISH_BODY', body: { code: 'UBND-H2', name: 'UBND huyện mới', system: 'GOVERNMENT', level: 'DISTRICT' } }],
      });
      expect(result.violations).toEqual([]);
    });

    it('refuses, from 2025-07-01, a unit created at DISTRICT or moved to a DISTRICT body; accepts both the day before', () => {
      const establish = (number: string, date: string) =>
        givenDepartmentsAndDistrict().whenDecision({
          ...decision(number, date, [{ type: 'ESTABLISH', unit: { ...baselineUnit('H1-NEW'), level: 'DISTRICT', governingBodyId: 'body-district' } }]),
          levels: LEVELS,
        });
      expect(establish('25/QĐ-UBND', '2025-07-01').refusals).toEqual([
        { code: 'LEVEL_NOT_IN_EFFECT', path: 'operations[0].unit.level', operationIndex: 0 },
        { code: 'LEVEL_NOT_IN_EFFECT', path: 'operations[0].unit.governingBodyId', operationIndex: 0 },
      ]);
      expect(establish('26/QĐ-UBND', '2025-06-30').violations).toEqual([]);
      const move = (number: string, date: string) =>
        givenDepartmentsAndDistrict().whenDecision({ ...decision(number, date, [{ type: 'TRANSFER', unitCode: 'LD-01', toGoverningBodyId: 'body-district' }]), levels: LEVELS });
      expect(move('27/QĐ-UBND', '2025-07-01').refusedCodes).toEqual(['LEVEL_NOT_IN_EFFECT']);
      expect(move('28/QĐ-UBND', '2025-06-30').violations).toEqual([]);
    });

    it('still lets a decision effective 2025-07-01 close the district: dissolve its unit and abolish it', () => {
      const result = givenDepartmentsAndDistrict().whenDecision({
        ...decision('29/QĐ-UBND', '2025-07-01', [{ type: 'DISSOLVE', unitCode: 'H1-MN', settlementRef: 'BB-1/2025' }]),
        levels: LEVELS,
        bodyOperations: [{ type: 'ABOLISH_BODY', bodyCode: 'UBND-H1', transferUnitsToId: 'body-education' }],
      });
      expect(result.violations).toEqual([]);
      expect(result.eventLog).toEqual(['H1-MN: UnitTransferred', 'H1-TH: UnitTransferred', 'H1-GDNN: UnitTransferred', 'H1-TTYT: UnitTransferred', 'H1-MN: UnitDissolved']);
    });
  });

  describe('several decisions on one day (2025-07-01: communes, districts and departments at once)', () => {
    it('given a new commune established by one decision, when another decision of the same day merges into it and a third sends it a district unit, then both apply', () => {
      const given = givenDepartmentsAndDistrict().decided({
        ...decision('30/NQ-UBTVQH', '2025-07-01', []),
        bodyOperations: [{ type: 'ESTABLISH_BODY', body: { code: 'UBND-XM', name: 'UBND xã Bạch Thông', system: 'GOVERNMENT', level: 'COMMUNE' } }],
      });
      const merged = given.whenDecision({ ...decision('31/QĐ-UBND', '2025-07-01', []), bodyOperations: [{ type: 'MERGE_BODIES', sourceBodyCodes: ['UBND-XA', 'UBND-XB'], successorBodyCode: 'UBND-XM' }] });
      expect(merged.violations).toEqual([]);
      const split = merged.commit().whenDecision({
        ...decision('32/QĐ-UBND', '2025-07-01', []),
        bodyOperations: [{ type: 'SPLIT_BODY', bodyCode: 'UBND-H1', defaultBodyCode: 'UBND-XM', unitDestinations: [{ unitCode: 'H1-TTYT', toBodyId: 'body-health' }] }],
      });
      expect(split.violations).toEqual([]);
      expect(split.eventLog).toEqual(expect.arrayContaining(['H1-MN: UnitTransferred', 'H1-TTYT: UnitTransferred']));
    });

    it('given a department that received units by one decision, when a second decision of the same day sends it more, then it applies; renaming or abolishing it that day by another decision is still refused', () => {
      const given = givenDepartmentsAndDistrict().decided({ ...decision('33/QĐ-UBND', '2025-07-01', []), bodyOperations: [{ type: 'MERGE_BODIES', sourceBodyCodes: ['SLDTBXH'], successorBodyCode: 'SNV' }] });
      const more = given.whenDecision({ ...decision('34/QĐ-UBND', '2025-07-01', []), bodyOperations: [{ type: 'ABOLISH_BODY', bodyCode: 'UBND-H1', transferUnitsToCode: 'SNV' }] });
      expect(more.violations).toEqual([]);
      const renamed = given.whenDecision({ ...decision('35/QĐ-UBND', '2025-07-01', []), bodyOperations: [{ type: 'RENAME_BODY', bodyCode: 'SNV', newName: 'Sở Nội vụ và Xã hội' }] });
      expect(renamed.refusals).toEqual([{ code: 'CONFLICTING_DECISION', path: 'bodyOperations[0].bodyCode' }]);
    });
  });

  it('refuses to abolish a body that still has units when no destination is named', () => {
    const result = givenDepartmentsAndDistrict().whenDecision({ ...decision('30/QĐ-UBND', '2025-03-01', []), bodyOperations: [{ type: 'ABOLISH_BODY', bodyId: 'body-labour' }] });
    expect(result.refusals).toEqual([{ code: 'BODY_HAS_UNITS', path: 'bodyOperations[0].transferUnitsToId' }]);
    expect(result.violations[0].params).toMatchObject({ count: 3 });
  });

  it('renames a body by decision from its effective date', () => {
    const result = givenDepartmentsAndDistrict().whenDecision({ ...decision('31/QĐ-UBND', '2025-03-01', []), bodyOperations: [{ type: 'RENAME_BODY', bodyCode: 'SNV', newName: 'Sở Nội vụ tỉnh Thái Nguyên' }] });
    expect(result.violations).toEqual([]);
    expect(result.working.body('body-home')!.asOf('2025-02-28')!.name).toBe('Sở Nội vụ');
    expect(result.working.body('body-home')!.asOf('2025-03-01')!.name).toBe('Sở Nội vụ tỉnh Thái Nguyên');
  });
});
