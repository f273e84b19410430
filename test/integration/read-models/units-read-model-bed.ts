import type { RecordedEvent } from '@reorg/event-store';
import { governingBodiesProjection } from '@reorg/read-models';
import { type TimePoint, UnitQueries, type UnitView, UnitVersionRow, unitsProjection } from '@reorg/read-models/units';
import { type ScenarioLoadReport, loadScenario } from '../../fixtures/scenario/load-scenario';
import type { ScenarioFile } from '../../fixtures/scenario/scenario-format';
import type { ProjectionBackend } from '../projections/projection-backends';
import { ProjectionTestBed } from '../projections/projection-test-bed';

export const UNIT_READ_MODELS = [governingBodiesProjection, unitsProjection];
const CATCH_UP_TIMEOUT_MS = 300_000;

/** A unit without its store-generated ids, comparable across two loads of the same scenario. */
export type PortableUnit = Omit<UnitView, 'unitId' | 'governingBodyId'> & { governingBodyCode: string };

/** The scenario loaded into one backend's store, with the units read model caught up with it. */
export class ScenarioReadModel {
  readonly queries: UnitQueries;
  private readonly bodyCodes: Map<string, string>;

  private constructor(
    readonly bed: ProjectionTestBed,
    readonly report: ScenarioLoadReport,
  ) {
    this.queries = new UnitQueries(bed.dataSource);
    this.bodyCodes = new Map(Object.entries(report.bodyIds).map(([code, id]) => [id, code]));
  }

  static async load(backend: () => Promise<ProjectionBackend>, scenario: ScenarioFile): Promise<ScenarioReadModel> {
    const bed = await ProjectionTestBed.open(backend, UNIT_READ_MODELS);
    try {
      const report = await loadScenario(bed.store, scenario);
      const runner = bed.runner();
      await runner.start(UNIT_READ_MODELS);
      if (!(await runner.waitUntil(report.lastPosition, CATCH_UP_TIMEOUT_MS))) throw new Error(`read models did not reach ${report.lastPosition}: ${bed.logger.errors.join('; ')}`);
      return new ScenarioReadModel(bed, report);
    } catch (error) {
      await bed.close();
      throw error;
    }
  }

  portable(unit: UnitView): PortableUnit {
    const { unitId: _unitId, governingBodyId, ...rest } = unit;
    return { ...rest, governingBodyCode: this.bodyCodes.get(governingBodyId) ?? governingBodyId };
  }

  /** Every unit established by `asOf` (ended ones included), page by page. */
  async allUnits(at: TimePoint): Promise<PortableUnit[]> {
    const units: PortableUnit[] = [];
    for (let page = 1; ; page++) {
      const result = await this.queries.list({ ...at, status: 'ALL', page, pageSize: 500 });
      units.push(...result.items.map((u) => this.portable(u)));
      if (units.length >= result.total) return units;
    }
  }

  /** recordedAt of the first event of the given type (the store assigns it, so each load has its own). */
  async recordedAtOf(type: string): Promise<string> {
    for (let after = 0; ; ) {
      const page: RecordedEvent[] = await this.bed.store.readAll({ after, maxCount: 2000 });
      if (page.length === 0) throw new Error(`no ${type} event in the log`);
      const found = page.find((e) => e.type === type);
      if (found) return found.metadata.recordedAt;
      after = page[page.length - 1].position;
    }
  }

  /** The whole bitemporal table, in a stable order, for equality checks. */
  versionRows(): Promise<UnitVersionRow[]> {
    return this.bed.dataSource.getRepository(UnitVersionRow).find({ order: { unitId: 'ASC', validFrom: 'ASC', recordedFromPosition: 'ASC' } });
  }
}
