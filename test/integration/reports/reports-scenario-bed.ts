import type { RecordedEvent } from '@reorg/event-store';
import { governingBodiesProjection } from '@reorg/read-models';
import { ReportQueries, reportChangesProjection } from '@reorg/read-models/reports';
import { UnitQueries, unitsProjection } from '@reorg/read-models/units';
import { type ScenarioLoadReport, loadScenario } from '../../fixtures/scenario/load-scenario';
import type { ScenarioFile } from '../../fixtures/scenario/scenario-format';
import type { ProjectionBackend } from '../projections/projection-backends';
import { ProjectionTestBed } from '../projections/projection-test-bed';

export const REPORT_READ_MODELS = [governingBodiesProjection, unitsProjection, reportChangesProjection];
const CATCH_UP_TIMEOUT_MS = 300_000;

/** The scenario loaded into one backend's store, with the read models the reports need caught up with it. */
export class ScenarioReports {
  readonly reports: ReportQueries;
  readonly units: UnitQueries;

  private constructor(
    readonly bed: ProjectionTestBed,
    readonly load: ScenarioLoadReport,
  ) {
    this.reports = new ReportQueries(bed.dataSource);
    this.units = new UnitQueries(bed.dataSource);
  }

  static async open(backend: () => Promise<ProjectionBackend>, scenario: ScenarioFile): Promise<ScenarioReports> {
    const bed = await ProjectionTestBed.open(backend, REPORT_READ_MODELS);
    try {
      const load = await loadScenario(bed.store, scenario);
      const runner = bed.runner();
      await runner.start(REPORT_READ_MODELS);
      if (!(await runner.waitUntil(load.lastPosition, CATCH_UP_TIMEOUT_MS))) throw new Error(`read models did not reach ${load.lastPosition}: ${bed.logger.errors.join('; ')}`);
      return new ScenarioReports(bed, load);
    } catch (error) {
      await bed.close();
      throw error;
    }
  }

  /** recordedAt of the first event of the given type (the store assigns it, so each load has its own). */
  async recordedAtOf(type: string): Promise<string> {
    for (let after = 0; ; ) {
      const page: RecordedEvent[] = await this.bed.store.readAll({ after, maxCount: 2000 });
      if (page.length === 0) throw new Error(`no ${type} event in the log`);
      const found = page.find((e) => e.type === type);
      if (found) return new Date(found.metadata.recordedAt).toISOString();
      after = page[page.length - 1].position;
    }
  }
}
