import type { UnitEvent } from '@reorg/domain';
import { decision, newUnit } from '@reorg/domain/register/testing/given-when-then';
import { givenProvince } from '@reorg/domain/register/testing/province';
import { CHANGE_EVENT_SOURCES, changeEventsOf } from './change-events';

/** A province whose units go through every structural operation, a rename, and an annulled decision re-recorded corrected. */
function reorganisedProvince() {
  const province = givenProvince()
    .decided(decision('1/QĐ-UBND', '2018-03-01', [{ type: 'CONSOLIDATE', sourceUnitCodes: ['BV-01', 'BV-02'], newUnit: newUnit('BV-12', { autonomyGroup: 'G2', staffingQuota: 70 }) }]))
    .decided(
      decision('2/QĐ-UBND', '2019-01-01', [
        { type: 'RENAME', unitCode: 'BV-12', newName: 'Bệnh viện Đa khoa Sơn Hà' },
        { type: 'ABSORB', targetUnitCode: 'BV-12', sourceUnitCodes: ['BV-03'] },
      ]),
    )
    .decided(decision('3/QĐ-UBND', '2020-01-01', [{ type: 'SEPARATE', sourceUnitCode: 'TH-01', newUnit: newUnit('TH-02', { sector: 'EDUCATION', autonomyGroup: 'G4', staffingQuota: 15 }), sourceStaffingQuotaAfter: 15 }]))
    .decided(decision('4/QĐ-UBND', '2021-01-01', [{ type: 'DIVIDE', sourceUnitCode: 'BV-12', newUnits: [newUnit('BV-A', { autonomyGroup: 'G2', staffingQuota: 50 }), newUnit('BV-B', { autonomyGroup: 'G2', staffingQuota: 45 })] }]))
    .decided(decision('5/QĐ-UBND', '2021-06-01', [{ type: 'ESTABLISH', unit: newUnit('CDC-01') }, { type: 'DISSOLVE', unitCode: 'TT-01', settlementRef: 'BB-5/2021' }]))
    .decided(decision('6/QĐ-UBND', '2022-01-01', [{ type: 'CONSOLIDATE', sourceUnitCodes: ['TH-01', 'TH-02', 'BV-A'], newUnit: newUnit('TH-12', { sector: 'EDUCATION', autonomyGroup: 'G2', staffingQuota: 80 }) }]))
    .annulled('6/QĐ-UBND');
  return province.decided(decision('6/QĐ-UBND', '2022-01-01', [{ type: 'CONSOLIDATE', sourceUnitCodes: ['TH-01', 'TH-02'], newUnit: newUnit('TH-21', { sector: 'EDUCATION', staffingQuota: 30, autonomyGroup: 'G4' }) }]));
}

describe('changeEventsOf', () => {
  const province = reorganisedProvince();
  const id = (code: string) => province.idOf(code);
  const ids = (...codes: string[]) => codes.map(id).sort();
  const streams = province.store.unitStreams;
  const summary = (asOf: string, from: ReadonlyMap<string, readonly UnitEvent[]> = streams) =>
    changeEventsOf(from, asOf).map((e) => ({ decision: e.decision.number, index: e.operationIndex, operation: e.operation, date: e.effectiveDate, original: e.originalUnitIds, resulting: e.resultingUnitIds }));

  it('makes one event per structural operation in force, with both sides merged from every unit it touched', () => {
    expect(summary('2022-12-31')).toEqual([
      { decision: '1/QĐ-UBND', index: 0, operation: 'CONSOLIDATE', date: '2018-03-01', original: ids('BV-01', 'BV-02'), resulting: ids('BV-12') },
      { decision: '2/QĐ-UBND', index: 1, operation: 'ABSORB', date: '2019-01-01', original: ids('BV-12', 'BV-03'), resulting: ids('BV-12') },
      { decision: '3/QĐ-UBND', index: 0, operation: 'SEPARATE', date: '2020-01-01', original: ids('TH-01'), resulting: ids('TH-01', 'TH-02') },
      { decision: '4/QĐ-UBND', index: 0, operation: 'DIVIDE', date: '2021-01-01', original: ids('BV-12'), resulting: ids('BV-A', 'BV-B') },
      { decision: '5/QĐ-UBND', index: 0, operation: 'ESTABLISH', date: '2021-06-01', original: [], resulting: ids('CDC-01') },
      { decision: '5/QĐ-UBND', index: 1, operation: 'DISSOLVE', date: '2021-06-01', original: ids('TT-01'), resulting: [] },
      { decision: '6/QĐ-UBND', index: 0, operation: 'CONSOLIDATE', date: '2022-01-01', original: ids('TH-01', 'TH-02'), resulting: ids('TH-21') },
    ]);
  });

  it('leaves out operations effective after asOf', () => {
    expect(summary('2020-12-31').map((e) => e.decision)).toEqual(['1/QĐ-UBND', '2/QĐ-UBND', '3/QĐ-UBND']);
    expect(summary('2018-02-28')).toEqual([]);
  });

  it('keeps the decision behind each event', () => {
    const [first] = changeEventsOf(streams, '2018-12-31');
    expect(first.decision).toEqual({ key: 'UBND tỉnh|1/QĐ-UBND', number: '1/QĐ-UBND', date: '2018-03-01', effectiveDate: '2018-03-01', issuer: 'UBND tỉnh', signer: 'Nguyễn Văn A' });
  });

  it('gives the same events from the structural events and annulments alone (what the export reads)', () => {
    const sources = new Map([...streams].map(([unitId, events]) => [unitId, events.filter((e) => CHANGE_EVENT_SOURCES.includes(e.type))]));
    expect([...sources.values()].flat().length).toBeLessThan([...streams.values()].flat().length);
    expect(summary('2022-12-31', sources)).toEqual(summary('2022-12-31'));
  });
});
