import { rebuildProjection } from '@reorg/projections/rebuild';
import { unitsProjection } from '@reorg/read-models/units';
import { UnitsBulkFold } from '@reorg/read-models/units/units.bulk-fold';
import type { DataSource } from 'typeorm';
import { PROJECTION_BACKENDS } from '../projections/projection-backends';
import { ProjectionTestBed } from '../projections/projection-test-bed';
import { snapshotTables } from './table-snapshot';
import { appendUnitHistory } from './unit-history';

const COMMITS = 600;
const CATCH_UP_TIMEOUT_MS = 300_000;
/** Appending 600 commits one by one, projecting them and rebuilding, on a loaded machine. */
const TEST_TIMEOUT_MS = 900_000;

function databaseOf(dataSource: DataSource) {
  const options = dataSource.options;
  if (options.type === 'postgres') return { kind: 'postgres' as const, databaseUrl: options.url, schema: options.schema };
  return { kind: 'sqlite' as const, sqlitePath: String(options.database) };
}

const unitTables = (dataSource: DataSource) => unitsProjection.entities.map((entity) => dataSource.getMetadata(entity));

/*
 * The rebuild's forward-only fold, its multi-row inserts and its deferred indexes against the live
 * projection (`apply`, event by event) over a generated history with back-fills, annulments,
 * re-recorded decisions and consolidations: every row of every units table equal, on both stores.
 */
describe.each(PROJECTION_BACKENDS)('units.v1 rebuilt from a history with back-fills and annulments on %s', (_name, backend) => {
  let bed: ProjectionTestBed;

  beforeAll(async () => {
    bed = await ProjectionTestBed.open(backend, [unitsProjection]);
  }, 600_000);

  afterAll(async () => {
    await bed?.close();
  });

  it('leaves exactly the rows the live projection wrote', async () => {
    const shape = await appendUnitHistory(bed.store, COMMITS);
    expect(shape.backfills).toBeGreaterThan(20);
    expect(shape.annulments).toBeGreaterThan(10);
    expect(shape.reRecorded).toBeGreaterThan(5);
    expect(shape.consolidations).toBeGreaterThan(5);
    const head = await bed.store.headPosition();
    const runner = bed.runner();
    await runner.start([unitsProjection]);
    expect(await runner.waitUntil(head, CATCH_UP_TIMEOUT_MS)).toBe(true);
    await runner.stop();
    const live = await snapshotTables(bed.dataSource, unitTables(bed.dataSource));
    expect(live.unit_events).toHaveLength(shape.events);
    expect(live.unit_versions.some((row) => (row as { recorded_to: unknown }).recorded_to !== null)).toBe(true);
    expect(live.unit_lineage.length).toBeGreaterThan(0);

    // Small pages and transactions: refolds and closed versions cross page and transaction bounds.
    const result = await rebuildProjection({ projection: unitsProjection, bulkFold: () => new UnitsBulkFold() }, { store: bed.store, database: databaseOf(bed.dataSource), readBatch: 97, transactionEvents: 300 });
    expect(result.position).toBeGreaterThanOrEqual(head);
    expect(await snapshotTables(bed.dataSource, unitTables(bed.dataSource))).toEqual(live);
    expect(bed.logger.errors).toEqual([]);
  }, TEST_TIMEOUT_MS);
});
