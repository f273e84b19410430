import { GoverningBodyService } from '@reorg/register';
import { rebuildProjection, type RebuildTarget } from '@reorg/projections/rebuild';
import { GoverningBodiesBulkFold } from '@reorg/read-models/governing-bodies/governing-bodies.bulk-fold';
import { UnitsBulkFold } from '@reorg/read-models/units/units.bulk-fold';
import { governingBodiesProjection } from '@reorg/read-models';
import { unitsProjection } from '@reorg/read-models/units';
import type { DataSource } from 'typeorm';
import { PATIENCE_MS } from '@reorg/testing';
import { readScenario } from '../../fixtures/scenario/scenario-file';
import { SCENARIO_LOADER } from '../../fixtures/scenario/load-scenario';
import { PROJECTION_BACKENDS } from '../projections/projection-backends';
import { ScenarioReadModel } from '../read-models/units-read-model-bed';
import { quotedTable, snapshotTables } from './table-snapshot';

const scenario = readScenario();

const BULK: RebuildTarget[] = [
  { projection: governingBodiesProjection, bulkFold: () => new GoverningBodiesBulkFold() },
  { projection: unitsProjection, bulkFold: () => new UnitsBulkFold() },
];
const THROUGH_APPLY: RebuildTarget[] = [{ projection: governingBodiesProjection }, { projection: unitsProjection }];

function databaseOf(dataSource: DataSource) {
  const options = dataSource.options;
  if (options.type === 'postgres') return { kind: 'postgres' as const, databaseUrl: options.url, schema: options.schema };
  return { kind: 'sqlite' as const, sqlitePath: String(options.database) };
}

function readModelTables(dataSource: DataSource) {
  const entities = new Set([...governingBodiesProjection.entities, ...unitsProjection.entities]);
  return dataSource.entityMetadatas.filter((metadata) => entities.has(metadata.target as never));
}

/** Issues structure and unit queries back to back until stopped; counts answers and keeps failures. */
function keepQuerying(model: ScenarioReadModel, unitId: string) {
  let stopped = false;
  const failures: string[] = [];
  let answers = 0;
  const loop = (async () => {
    while (!stopped) {
      try {
        const structure = await model.queries.structure({ asOf: scenario.expected.to }, new Date().toISOString());
        const unit = await model.queries.get(unitId, { asOf: scenario.expected.to });
        if (structure.totals.active === 0 || !unit) failures.push(`empty answer: ${structure.totals.active} active, unit ${String(unit)}`);
        answers += 1;
      } catch (error) {
        failures.push(String(error));
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return { answers, failures };
    },
  };
}

describe.each(PROJECTION_BACKENDS)('rebuild of the units and governing-bodies read models on %s', (_name, backend) => {
  let model: ScenarioReadModel;

  beforeAll(async () => {
    model = await ScenarioReadModel.load(backend, scenario);
  }, 600_000);

  afterAll(async () => {
    await model?.bed.close();
  });

  it.each([
    ['bulk folds', BULK],
    ['the projections’ own apply', THROUGH_APPLY],
  ])('rebuilds with %s into tables equal to the incremental ones while queries keep answering', async (_how, targets) => {
    const { dataSource, store } = model.bed;
    const incremental = await snapshotTables(dataSource, readModelTables(dataSource));
    expect(incremental.unit_versions.length).toBeGreaterThan(1000);
    expect(incremental.unit_versions.some((row) => (row as { recorded_to: unknown }).recorded_to !== null)).toBe(true);
    const checkpoints = await Promise.all(targets.map((t) => model.bed.checkpoint(t.projection.name)));

    const queries = keepQuerying(model, Object.values(model.report.unitIds)[0]);
    const results = [];
    for (const target of targets) results.push(await rebuildProjection(target, { store, database: databaseOf(dataSource), readBatch: 500, transactionEvents: 2_000 }));
    const { answers, failures } = await queries.stop();

    expect(failures).toEqual([]);
    expect(answers).toBeGreaterThan(0);
    expect(results.map((r) => r.position)).toEqual(checkpoints);
    expect(await Promise.all(targets.map((t) => model.bed.checkpoint(t.projection.name)))).toEqual(checkpoints);
    expect(await snapshotTables(dataSource, readModelTables(dataSource))).toEqual(incremental);
  }, 600_000);

  it('lets the live runner (started before the rebuild) continue from the rebuilt checkpoint', async () => {
    const { dataSource, store } = model.bed;
    await rebuildProjection(BULK[0], { store, database: databaseOf(dataSource) });
    const registered = await new GoverningBodyService(store).register({ code: 'REBUILD-PROBE', name: 'Sở Kiểm tra', system: 'GOVERNMENT', level: 'PROVINCE' }, SCENARIO_LOADER);
    const deadline = Date.now() + PATIENCE_MS;
    while ((await model.bed.checkpoint(governingBodiesProjection.name)) < registered.lastPosition && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await model.bed.checkpoint(governingBodiesProjection.name)).toBeGreaterThanOrEqual(registered.lastPosition);
    const rows: unknown[] = await dataSource.query(`SELECT code FROM ${quotedTable(dataSource.getMetadata(BULK[0].projection.entities[1]))} WHERE code = 'REBUILD-PROBE'`);
    expect(rows).toHaveLength(1);
    expect(model.bed.logger.errors).toEqual([]);
  });
});
