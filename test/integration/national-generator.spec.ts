import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type IsoDate, PROVINCES_2025, type UnitEvent, dayBefore } from '@reorg/domain';
import { SqliteEventStore } from '@reorg/event-store';
import { verifyLog } from '@reorg/event-store/audit';
import { openReadModelDataSource } from '@reorg/projections';
import { rebuildProjection } from '@reorg/projections/rebuild';
import { readLevelValidity } from '@reorg/register';
import { ReportQueries } from '@reorg/read-models/reports/report.queries';
import { ReportChangesBulkFold } from '@reorg/read-models/reports/report-changes.bulk-fold';
import { reportChangesProjection } from '@reorg/read-models/reports/report-changes.projection';
import { unitsProjection } from '@reorg/read-models/units';
import { UnitsBulkFold } from '@reorg/read-models/units/units.bulk-fold';
import { PATIENCE_MS } from '@reorg/testing';
import { type GeneratedAppend, type NationalSummary, PROVINCE_MERGER_DATE, generateNational } from '../bench/national/generate-national';
import { Batcher, RecordingClock } from '../bench/national/national-log';

const levels = readLevelValidity('deploy/register/levels.vn.json');
const SIZE = { units: 500, events: 12_000 };
const PERIOD = { from: '2016-01-01', to: '2025-12-31' };

async function digestOf(seed: number): Promise<{ digest: string; events: number }> {
  const hash = createHash('sha256');
  const summary = await generateNational({ ...SIZE, seed, levels }, (appends) => {
    hash.update(JSON.stringify(appends));
  });
  return { digest: hash.digest('hex'), events: summary.events };
}

/**
 * The naive replay: each unit's events by effective date (recorded order within a day), plain
 * flags, nothing of the read models or the domain's timeline. A unit counts on a date when it is
 * active and in this register (not under a province that has not joined yet).
 */
function naiveCounts(units: ReadonlyMap<string, readonly UnitEvent[]>, date: IsoDate) {
  const counts = { active: 0, GOVERNMENT: 0, PARTY_MASS: 0, staffingQuota: 0 };
  for (const events of units.values()) {
    let active = false;
    let inRegister = false;
    let system = '';
    let quota = 0;
    const ordered = events.map((event, seq) => ({ event, seq })).sort((a, b) => (a.event.data.effectiveDate < b.event.data.effectiveDate ? -1 : a.event.data.effectiveDate > b.event.data.effectiveDate ? 1 : a.seq - b.seq));
    for (const { event } of ordered) {
      if (event.data.effectiveDate > date) break;
      switch (event.type) {
        case 'UnitRegistered':
        case 'UnitEstablished':
          active = true;
          inRegister = !event.data.attributes.province;
          system = event.data.attributes.system;
          quota = event.data.attributes.staffingQuota;
          break;
        case 'UnitMerged':
        case 'UnitDissolved':
          active = false;
          break;
        case 'UnitJoined':
          inRegister = true;
          break;
        case 'UnitTransferred':
          system = event.data.toSystem;
          break;
        case 'UnitStaffingQuotaChanged':
        case 'UnitAbsorbedUnits':
        case 'UnitPartSeparated':
          quota = event.data.staffingQuota;
          break;
        default:
          break;
      }
    }
    if (active && inRegister) {
      counts.active += 1;
      counts[system as 'GOVERNMENT' | 'PARTY_MASS'] += 1;
      counts.staffingQuota += quota;
    }
  }
  return counts;
}

describe('the national register generator (test/bench/national)', () => {
  jest.setTimeout(PATIENCE_MS * 20);

  it('writes the same register for the same seed, and another for another seed', async () => {
    const first = await digestOf(7);
    const again = await digestOf(7);
    const other = await digestOf(8);
    expect(again).toEqual(first);
    expect(other.digest).not.toBe(first.digest);
    expect(first.events).toBeGreaterThanOrEqual(SIZE.events * 0.9);
  });

  describe('loaded into a store and rebuilt', () => {
    let dir: string;
    let store: SqliteEventStore;
    let summary: NationalSummary;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'national-generator-'));
      const clock = new RecordingClock();
      store = SqliteEventStore.open({ path: join(dir, 'events.sqlite'), clock: clock.now, maxClockSkewMs: 1e12 });
      const batcher = new Batcher(1_000, async (batch) => {
        clock.recordOn(batch.day);
        await store.appendMultiple(batch.appends);
      });
      summary = await generateNational({ ...SIZE, seed: 7, levels }, (appends: GeneratedAppend[], day) => batcher.add(appends, day));
      await batcher.end();
    });

    afterAll(async () => {
      await store?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('every event is accepted by the store, hash-chained, with the ten operations and the 2025 merger in it', async () => {
      expect(await store.headPosition()).toBe(summary.events);
      const { report } = await verifyLog(store);
      expect(report.ok).toBe(true);
      expect(report.events).toBe(summary.events);
      for (const type of ['ESTABLISH', 'CONSOLIDATE', 'ABSORB', 'DISSOLVE', 'RENAME', 'TRANSFER', 'CHANGE_AUTONOMY', 'CHANGE_STAFFING_QUOTA']) expect(summary.operations[type]).toBeGreaterThan(0);
      expect(summary.operations.PROVINCE_MERGER).toBe(29);
      expect(new Set(summary.provinces.map((p) => p.into)).size).toBe(34);
      expect(summary.provinces).toHaveLength(63);
      // The generator's map is the one /structure?province= reads: each 2025 province with its former provinces, itself first.
      const map: Record<string, string[]> = {};
      for (const p of summary.provinces) (map[p.into] ??= []).push(p.key);
      expect(map).toEqual(PROVINCES_2025);
    });

    it('the reduction report over the read models agrees with a naive replay of the events', async () => {
      const database = { kind: 'sqlite' as const, sqlitePath: join(dir, 'read-models.sqlite') };
      const projections = [unitsProjection, reportChangesProjection];
      await (await openReadModelDataSource(database, projections)).destroy();
      await rebuildProjection({ projection: unitsProjection, bulkFold: () => new UnitsBulkFold() }, { store, database });
      await rebuildProjection({ projection: reportChangesProjection }, { store, database });
      const dataSource = await openReadModelDataSource(database, projections);
      try {
        const report = await new ReportQueries(dataSource).reduction(PERIOD);
        const start = naiveCounts(summary.register.units, dayBefore(PERIOD.from));
        const end = naiveCounts(summary.register.units, PERIOD.to);
        expect({ activeAtStart: report.activeAtStart, activeAtEnd: report.activeAtEnd, netReduction: report.netReduction }).toEqual({
          activeAtStart: start.active,
          activeAtEnd: end.active,
          netReduction: start.active - end.active,
        });
        for (const system of ['GOVERNMENT', 'PARTY_MASS'] as const) {
          const bucket = report.bySystem[system];
          expect({ system, start: bucket?.activeAtStart ?? 0, end: bucket?.activeAtEnd ?? 0 }).toEqual({ system, start: start[system], end: end[system] });
        }
        expect(report.staffingQuotaAtEnd).toBe(end.staffingQuota);
        // Every breakdown as the in-memory fold of every version and change gives it, on a national log (SQLite).
        expect(report).toEqual(await new ReportQueries(dataSource).reductionInMemory(PERIOD));
        // The provinces that join on 2025-07-01 are outside the register before it: the merger adds them.
        expect(naiveCounts(summary.register.units, PROVINCE_MERGER_DATE).active).toBeGreaterThan(naiveCounts(summary.register.units, dayBefore(PROVINCE_MERGER_DATE)).active);
      } finally {
        await dataSource.destroy();
      }
    });

    it('the report changes rebuilt by the bulk fold are the rows the projection’s apply writes', async () => {
      const rowsOf = async (name: string, bulk: boolean) => {
        const database = { kind: 'sqlite' as const, sqlitePath: join(dir, name) };
        await (await openReadModelDataSource(database, [reportChangesProjection])).destroy();
        await rebuildProjection({ projection: reportChangesProjection, ...(bulk ? { bulkFold: () => new ReportChangesBulkFold() } : {}) }, { store, database, transactionEvents: 3_000 });
        const dataSource = await openReadModelDataSource(database, [reportChangesProjection]);
        try {
          return (await dataSource.query('SELECT * FROM report_unit_changes ORDER BY position')) as unknown[];
        } finally {
          await dataSource.destroy();
        }
      };
      const bulk = await rowsOf('bulk.sqlite', true);
      expect(bulk.length).toBeGreaterThan(SIZE.events / 2);
      expect(bulk).toEqual(await rowsOf('apply.sqlite', false));
    });
  });
});
