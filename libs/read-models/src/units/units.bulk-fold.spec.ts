import { type IsoDate, type UnitAttributes, type UnitEvent, UnitTimeline } from '@reorg/domain';
import type { RecordedEvent } from '@reorg/event-store';
import type { TableRows } from '@reorg/projections/rebuild';
import fc from 'fast-check';
import { UnitEventRow, UnitLineageRow, UnitVersionRow } from './unit-read-model.entities';
import { type UnitVersion, distinctSnapshots, toVersion, unitLineage } from './unit-versions';
import { UnitsBulkFold } from './units.bulk-fold';

/*
 * The forward-only fold against the naive one it replaces: after every event, the unit's whole
 * timeline folded again (`UnitTimeline.asOf` on each of its dates) and the difference with the
 * current rows recorded as `unitsProjection.apply` records it.
 */

const UNITS = ['u1', 'u2', 'u3'];
const DAYS = ['2018-01-01', '2018-06-30', '2019-01-01', '2019-06-30', '2020-01-01', '2020-06-30', '2021-01-01'];
const KEYS = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6'];

const attributes = (unitId: string): UnitAttributes => ({ code: `C-${unitId}`, name: `Đơn vị ${unitId}`, system: 'GOVERNMENT', governingBodyId: 'b1', level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 10 });
const decided = (unitId: string, effectiveDate: IsoDate, key: string) => ({ unitId, effectiveDate, operationIndex: 0, decision: { key, number: key, date: effectiveDate, effectiveDate, issuer: 'UBND', signer: 'A' } });

const unitEvent = fc.tuple(fc.constantFrom(...UNITS), fc.constantFrom(...DAYS), fc.constantFrom(...KEYS), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 99 })).map(([unitId, day, key, kind, n]): UnitEvent => {
  const change = decided(unitId, day, key);
  switch (kind) {
    case 0:
      return { type: 'UnitRegistered', data: { unitId, attributes: attributes(unitId), effectiveDate: day, registeredAsOf: day } };
    case 1:
      return { type: 'UnitEstablished', data: { ...change, attributes: { ...attributes(unitId), staffingQuota: n }, operation: 'CONSOLIDATE', predecessorIds: [UNITS[n % 3]] } };
    case 2:
      return { type: 'UnitMerged', data: { ...change, operation: 'CONSOLIDATE', successorIds: [UNITS[n % 3]] } };
    case 3:
      return { type: 'UnitDissolved', data: { ...change, settlementRef: 'BB' } };
    case 4:
      return { type: 'UnitTransferred', data: { ...change, fromGoverningBodyId: 'b1', toGoverningBodyId: `b${n}`, fromSystem: 'GOVERNMENT', toSystem: 'GOVERNMENT' } };
    case 5:
      return { type: 'UnitStaffingQuotaChanged', data: { ...change, staffingQuota: n % 4, previousStaffingQuota: 0 } };
    case 6:
      return { type: 'UnitAutonomyChanged', data: { ...change, autonomyGroup: n % 2 ? 'G1' : 'G2', previousAutonomyGroup: 'G3' } };
    case 7:
      return { type: 'UnitAbsorbedUnits', data: { ...change, sourceIds: [UNITS[n % 3]], staffingQuota: n, autonomyGroup: 'G2' } };
    case 8:
      return { type: 'UnitLeft', data: { ...change, toProvince: 'P2' } };
    case 9:
      return { type: 'UnitJoined', data: { ...change, fromProvince: 'P3' } };
    case 10:
      return { type: 'UnitDecisionAnnulled', data: { unitId, decisionKey: key, effectiveDate: day, annulment: { number: `A-${key}`, date: '2022-01-01', reason: 'sai' } } };
    default:
      return { type: 'UnitRenamed', data: { ...change, name: `Tên ${n % 3}`, previousName: '?' } };
  }
});

/** Events recorded in commits: each commit a minute apart, with one to three events sharing its recordedAt. */
const history = fc.array(fc.tuple(unitEvent, fc.boolean()), { minLength: 1, maxLength: 40 }).map((events) => {
  let minute = 0;
  return events.map(([event, sameCommit], i): RecordedEvent => {
    if (!sameCommit || i === 0) minute += 1;
    return { eventId: `e${i}`, streamId: `unit-${event.data.unitId}`, version: i + 1, position: i + 1, type: event.type, schemaVersion: 1, data: event.data as never, metadata: { recordedAt: new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString() } as never, hash: '', globalHash: '' };
  });
});

type Row = Record<string, unknown>;
const sameContent = (row: Row, version: UnitVersion) => (Object.keys(version) as (keyof UnitVersion)[]).every((field) => row[field] === version[field]);

function naiveVersions(unitId: string, events: UnitEvent[]): UnitVersion[] {
  const timeline = UnitTimeline.from(unitId, events);
  const dates = [...new Set(events.map((event) => event.data.effectiveDate))].sort();
  const snapshots = distinctSnapshots(dates.map((date) => timeline.asOf(date)));
  return snapshots.map((snapshot, i) => toVersion(snapshot, snapshots[i + 1]?.validFrom ?? null));
}

/** unitsProjection.apply, in memory. */
function naiveRows(recorded: RecordedEvent[]): { versions: Row[]; events: Row[]; lineage: Row[] } {
  const rows: Row[] = [];
  const byUnit = new Map<string, UnitEvent[]>();
  const eventRows: Row[] = [];
  for (const event of recorded) {
    const unitId = String(event.data.unitId);
    eventRows.push({ position: event.position, unitId, type: event.type, data: JSON.stringify(event.data) });
    const events = [...(byUnit.get(unitId) ?? []), { type: event.type, data: event.data } as unknown as UnitEvent];
    byUnit.set(unitId, events);
    const versions = naiveVersions(unitId, events);
    const recordedAt = event.metadata.recordedAt;
    const current = rows.filter((row) => row.unitId === unitId && row.recordedTo === null);
    for (const row of current) {
      if (versions.some((version) => sameContent(row, version))) continue;
      if (row.recordedFrom === recordedAt) rows.splice(rows.indexOf(row), 1);
      else Object.assign(row, { recordedTo: recordedAt, recordedToPosition: event.position });
    }
    for (const version of versions.filter((v) => !current.some((row) => rows.includes(row) && sameContent(row, v)))) {
      rows.push({ ...version, recordedFrom: recordedAt, recordedFromPosition: event.position, recordedTo: null, recordedToPosition: null });
    }
  }
  const lineage = [...byUnit].flatMap(([unitId, events]) => unitLineage(unitId, events).map((link) => ({ ...link, sourceUnitId: unitId })));
  return { versions: rows, events: eventRows, lineage };
}

function foldedRows(recorded: RecordedEvent[], pageSize: number): { versions: Row[]; events: Row[]; lineage: Row[] } {
  const fold = new UnitsBulkFold();
  const tables: TableRows[] = [];
  for (let start = 0; start < recorded.length; start += pageSize) tables.push(...fold.fold(recorded.slice(start, start + pageSize)));
  tables.push(...fold.finish());
  const of = (entity: unknown) => tables.filter((table) => table.entity === entity).flatMap((table) => table.rows as Row[]);
  return { versions: of(UnitVersionRow), events: of(UnitEventRow), lineage: of(UnitLineageRow) };
}

const sorted = (rows: Row[]) => rows.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))))).sort();

describe('UnitsBulkFold (forward-only, targeted refold)', () => {
  it('leaves the same unit versions, events and lineage as the naive fold after every event, over random histories with back-fills and annulments', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 1, max: 7 }), (recorded, pageSize) => {
        const naive = naiveRows(recorded);
        const folded = foldedRows(recorded, pageSize);
        expect(sorted(folded.versions)).toEqual(sorted(naive.versions));
        expect(sorted(folded.events)).toEqual(sorted(naive.events));
        expect(sorted(folded.lineage)).toEqual(sorted(naive.lineage));
      }),
      { numRuns: 400 },
    );
  });

  it('closes the last version at a later change and keeps the earlier ones as they were', () => {
    const events = [
      { type: 'UnitRegistered', data: { unitId: 'u1', attributes: attributes('u1'), effectiveDate: '2018-01-01', registeredAsOf: '2018-01-01' } },
      { type: 'UnitRenamed', data: { ...decided('u1', '2019-01-01', 'D1'), name: 'B', previousName: '?' } },
    ].map((event, i) => ({ eventId: `e${i}`, streamId: 's', version: i + 1, position: i + 1, type: event.type, schemaVersion: 1, data: event.data, metadata: { recordedAt: `2024-01-01T00:0${i}:00.000Z` }, hash: '', globalHash: '' }) as unknown as RecordedEvent);
    const { versions } = foldedRows(events, 10);
    expect(versions.map((row) => [row.validFrom, row.validTo, row.name, row.recordedTo])).toEqual(
      expect.arrayContaining([
        ['2018-01-01', null, 'Đơn vị u1', '2024-01-01T00:01:00.000Z'],
        ['2018-01-01', '2019-01-01', 'Đơn vị u1', null],
        ['2019-01-01', null, 'B', null],
      ]),
    );
    expect(versions).toHaveLength(3);
  });
});
