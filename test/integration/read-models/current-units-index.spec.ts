import { readModelTransaction } from '@reorg/projections';
import { CurrentUnitsIndex, type CurrentUnitsSnapshot, UnitVersionRow, structureIn, toUnitView, versionsAt } from '@reorg/read-models/units';
import fc from 'fast-check';
import type { DataSource, EntityManager } from 'typeorm';
import { historyIntent } from '../../property/support/history-intents';
import { PROVINCE, planHistory } from '../../property/support/history-plan';
import { recordHistory } from '../../property/support/record-history';
import { readingOwnWrites } from '../event-store/support';
import { PROJECTION_BACKENDS } from '../projections/projection-backends';
import { ProjectionTestBed } from '../projections/projection-test-bed';
import { UNIT_READ_MODELS } from './units-read-model-bed';

const CATCH_UP_TIMEOUT_MS = 120_000;
const SEED = Number(process.env.PROPERTY_SEED ?? 20_261_207);
const HISTORIES = Number(process.env.PROPERTY_RUNS ?? 1);

/** One snapshot of the database, as the queries read it (REPEATABLE READ on PostgreSQL). */
function snapshotRead<T>(dataSource: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.options.type === 'postgres' ? dataSource.transaction('REPEATABLE READ', work) : readModelTransaction(dataSource, work);
}

/** Effective dates around every date the plan's decisions take effect, plus far before and after. */
function datesOf(plan: ReturnType<typeof planHistory>): string[] {
  const dates = new Set(['1990-01-01', '2099-12-31', ...plan.queryDates]);
  for (const decision of plan.decisions) {
    const day = Date.parse(decision.effectiveDate);
    for (const offset of [-1, 0, 1]) dates.add(new Date(day + offset * 86_400_000).toISOString().slice(0, 10));
  }
  return [...dates].sort();
}

/**
 * Inside one read transaction, the index's snapshot at the positions the transaction sees answers
 * every structure (byte for byte) and every unit exactly as the plain SQL path does in that same
 * transaction.
 */
const counted = { joining: 0 };

async function compareInOneTransaction(dataSource: DataSource, index: CurrentUnitsIndex, dates: string[], unitIds: string[]): Promise<CurrentUnitsSnapshot> {
  return snapshotRead(dataSource, async (tx) => {
    const snapshot = await index.at(tx);
    for (const asOf of dates) {
      const expected = JSON.stringify(await structureIn(tx, { asOf }, 'now'));
      const actual = snapshot.structureJson(asOf, 'now');
      if (actual !== expected) throw new Error(`structure as of ${asOf} at ${JSON.stringify(snapshot.positions)} (${snapshot.loadedBy})\n  fast: ${actual}\n  sql:  ${expected}`);
      // Narrowed to places (the joining province's, this register's own, both): the same as SQL, and both together are the whole.
      for (const places of [[PROVINCE], [null], [null, PROVINCE]]) {
        const narrowed = snapshot.structureJson(asOf, 'now', places);
        const sql = JSON.stringify(await structureIn(tx, { asOf }, 'now', places));
        if (narrowed !== sql) throw new Error(`structure of ${JSON.stringify(places)} as of ${asOf} (${snapshot.loadedBy})\n  fast: ${narrowed}\n  sql:  ${sql}`);
        if (places.length === 2) expect([asOf, narrowed]).toEqual([asOf, actual]);
      }
      counted.joining += snapshot.structure(asOf, 'now', [PROVINCE]).totals.active;
      for (const unitId of unitIds) {
        const row = await versionsAt(tx, { asOf }).andWhere('u.unit_id = :unitId', { unitId }).getOne();
        expect([unitId, asOf, snapshot.unitAt(unitId, asOf)]).toEqual([unitId, asOf, row ? toUnitView(row) : undefined]);
      }
    }
    return snapshot;
  });
}

describe.each(PROJECTION_BACKENDS)('the current units index on %s equals the SQL path', (_label, backend) => {
  it('at every position it is moved to while a generated history (back-fills, annulments, restructured bodies) is recorded, and after', async () => {
    const loadedBy = new Set<string>();
    for (const intent of fc.sample(historyIntent, { seed: SEED, numRuns: HISTORIES })) {
      const plan = planHistory(intent);
      const dates = datesOf(plan);
      const bed = await ProjectionTestBed.open(backend, UNIT_READ_MODELS);
      try {
        const runner = bed.runner();
        await runner.start(UNIT_READ_MODELS);
        const index = new CurrentUnitsIndex();
        let recording = true;
        const recorded = recordHistory(readingOwnWrites(bed.store), plan).finally(() => (recording = false));
        // While the history is recorded, the index follows the read models from position to position (deltas).
        const positions = new Set<number>();
        let round = 0;
        while (recording) {
          const sample = dates.filter((_, i) => (i + round) % 10 === 0);
          const snapshot = await compareInOneTransaction(bed.dataSource, index, sample, []);
          positions.add(snapshot.positions.units.position);
          loadedBy.add(snapshot.loadedBy);
          round += 1;
          // better-sqlite3 answers synchronously: let the recording and the runner's timers run between rounds.
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await recorded;
        const head = await bed.store.latestPosition();
        if (!(await runner.waitUntil(head, CATCH_UP_TIMEOUT_MS))) throw new Error(`read models did not reach ${head}: ${bed.logger.errors.join('; ')}`);
        const unitIds = (await bed.dataSource.createQueryBuilder(UnitVersionRow, 'u').select('DISTINCT u.unit_id', 'unitId').getRawMany<{ unitId: string }>()).map((r) => r.unitId);
        // Followed (deltas) and loaded afresh, the final snapshot answers every date like SQL.
        const followed = await compareInOneTransaction(bed.dataSource, index, dates, unitIds);
        const fresh = await compareInOneTransaction(bed.dataSource, new CurrentUnitsIndex(), dates, []);
        expect(fresh.loadedBy).toBe('full');
        for (const asOf of dates) expect(followed.structureJson(asOf, 'now')).toBe(fresh.structureJson(asOf, 'now'));
        expect(positions.size).toBeGreaterThan(1);
      } finally {
        await bed.close();
      }
    }
    // The test is about deltas: it must have moved a snapshot forward over changed units.
    expect([...loadedBy]).toContain('delta');
    // And the narrowed structures are about the joining province's units: some were seen.
    expect(counted.joining).toBeGreaterThan(0);
  }, 600_000);
});
