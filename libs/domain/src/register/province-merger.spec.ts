import { mergeProvince } from './province-merger';
import { WorkingRegister } from './register-view';
import { Scenario, baselineUnit, decision } from './testing/given-when-then';

const BK = 'BAC_KAN';
const MERGER_DATE = '2025-07-01';

/** Thái Nguyên's register with Bắc Kạn's beside it: Bắc Kạn's bodies carry its province code, its units follow them. */
function givenTwoProvinces(): Scenario {
  return Scenario.withStandardBodies()
    .body({ id: 'bk-health', code: 'BK-SYT', name: 'Sở Y tế Bắc Kạn', province: BK })
    .baseline('2024-12-31', [
      baselineUnit('TN-BV1', { name: 'Bệnh viện A Thái Nguyên' }),
      baselineUnit('BK-BV1', { name: 'Bệnh viện Đa khoa Bắc Kạn', governingBodyId: 'bk-health' }),
      baselineUnit('BK-BV2', { name: 'Bệnh viện Y học cổ truyền Bắc Kạn', governingBodyId: 'bk-health' }),
    ])
    .decided(decision('01/QĐ-UBND-BK', '2025-03-01', [{ type: 'DISSOLVE', unitCode: 'BK-BV2', settlementRef: 'BB-1/2025' }], { issuer: 'UBND tỉnh Bắc Kạn' }));
}

const merger = (effectiveDate = MERGER_DATE) => ({ province: BK, decision: decision('202/2025/QH15', effectiveDate, [], { issuer: 'Quốc hội', date: '2025-06-12' }).decision });

describe('a province merger', () => {
  it("given Bắc Kạn's units imported with their history, then before the merger they are the other province's and keep it as their territory", () => {
    const given = givenTwoProvinces();
    expect(given.unit('BK-BV1').asOf('2025-06-30')!.attributes).toMatchObject({ province: BK, territory: BK });
    expect(given.unit('TN-BV1').asOf('2025-06-30')!.attributes.province).toBeUndefined();
  });

  it('when Bắc Kạn joins on 2025-07-01, then its active bodies and units JOIN (not created), from that date, keeping Bắc Kạn as their territory; ended units do not', () => {
    const given = givenTwoProvinces();
    const working = new WorkingRegister(given.store);
    const outcome = mergeProvince(working, merger());
    expect(outcome).toEqual({ ok: true, value: { joinedBodyIds: ['bk-health'], joinedUnitIds: [given.idOf('BK-BV1')] } });
    expect(working.pending.map((p) => p.event.type)).toEqual(['UnitJoined']);
    const joined = working.unit(given.idOf('BK-BV1'))!;
    expect(joined.asOf('2025-06-30')!.attributes.province).toBe(BK);
    expect(joined.asOf(MERGER_DATE)!.attributes).toMatchObject({ territory: BK });
    expect(joined.asOf(MERGER_DATE)!.attributes.province).toBeUndefined();
    expect(joined.asOf(MERGER_DATE)!.establishedOn).toBe('2024-12-31');
    expect(working.body('bk-health')!.asOf(MERGER_DATE)).toMatchObject({ territory: BK, status: 'ACTIVE' });
    expect(working.body('bk-health')!.asOf(MERGER_DATE)!.province).toBeUndefined();
  });

  it('when the province has joined already, then a second merger is refused, in both languages naming Resolution 202/2025/QH15', () => {
    const given = givenTwoProvinces();
    const first = new WorkingRegister(given.store);
    mergeProvince(first, merger());
    given.store.commit(first);
    const again = mergeProvince(new WorkingRegister(given.store), merger('2025-08-01'));
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.violations.map((v) => v.code)).toEqual(['PROVINCE_ALREADY_JOINED']);
    expect(again.violations[0].detail).toContain('Resolution 202/2025/QH15');
    expect(again.violations[0].params).toMatchObject({ province: expect.any(String), date: expect.any(String) });
  });

  it('refuses a province the register has no body of', () => {
    const outcome = mergeProvince(new WorkingRegister(givenTwoProvinces().store), { ...merger(), province: 'CAO_BANG' });
    expect(outcome.ok ? [] : outcome.violations.map((v) => v.code)).toEqual(['PROVINCE_UNKNOWN']);
  });

  it('given the province joined, a unit later transferred to a body of another province LEAVES the register (it does not end)', () => {
    const given = givenTwoProvinces().body({ id: 'cb-health', code: 'CB-SYT', name: 'Sở Y tế Cao Bằng', province: 'CAO_BANG' });
    const result = given.whenDecision(decision('40/QĐ-UBND', '2025-09-01', [{ type: 'TRANSFER', unitCode: 'TN-BV1', toGoverningBodyId: 'cb-health' }]));
    expect(result.eventLog).toEqual(['TN-BV1: UnitTransferred', 'TN-BV1: UnitLeft']);
    expect(result.unit('TN-BV1').asOf('2025-09-01')).toMatchObject({ status: 'ACTIVE', attributes: { province: 'CAO_BANG' } });
  });

  it('a decision on the merger date moving a joining unit does not conflict with the merger (joining is no decision on the unit)', () => {
    const given = givenTwoProvinces();
    const working = new WorkingRegister(given.store);
    mergeProvince(working, merger());
    given.store.commit(working);
    const moved = given.whenDecision(decision('41/QĐ-UBND', MERGER_DATE, [{ type: 'TRANSFER', unitCode: 'BK-BV1', toGoverningBodyId: 'body-health' }]));
    expect(moved.violations).toEqual([]);
  });

  it("a decision on the merger date merging a joining body into this register's does not conflict with the merger (joining is no decision on the body)", () => {
    const given = givenTwoProvinces();
    const working = new WorkingRegister(given.store);
    mergeProvince(working, merger());
    given.store.commit(working);
    const merged = given.whenDecision({ ...decision('42/QĐ-UBND', MERGER_DATE, []), bodyOperations: [{ type: 'MERGE_BODIES', sourceBodyCodes: ['BK-SYT'], successorBodyId: 'body-health' }] });
    expect(merged.violations).toEqual([]);
    expect(merged.eventLog).toEqual(['BK-BV1: UnitTransferred']);
  });
});
