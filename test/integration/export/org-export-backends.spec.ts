import { type OrgExport, OrgExportQueries, orgCsv } from '@reorg/read-models/org-export';
import { readScenario } from '../../fixtures/scenario/scenario-file';
import { PROJECTION_BACKENDS } from '../projections/projection-backends';
import { ScenarioReports } from '../reports/reports-scenario-bed';

const scenario = readScenario();

/** The export's reads over the province scenario: the same answer from SQLite and PostgreSQL read models. */
describe('OrgExportQueries over the province scenario, on SQLite and PostgreSQL', () => {
  const loaded: ScenarioReports[] = [];
  const exports = new Map<string, OrgExport>();
  /** Each load generates its own ids: compare by code. */
  const byCode = (model: ScenarioReports, text: string) => {
    const codes = new Map(Object.entries({ ...model.load.bodyIds, ...model.load.unitIds }).map(([code, id]) => [id, code]));
    return text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => codes.get(id) ?? id);
  };
  /** By code, each event's sides sorted (they are sorted by id, and ids differ between loads). */
  const comparable = (model: ScenarioReports, data: OrgExport) => {
    const parsed = JSON.parse(byCode(model, JSON.stringify(data))) as OrgExport;
    parsed.changeEvents.forEach((e) => [e.originalUnitIds, e.resultingUnitIds].forEach((side) => side.sort()));
    return { ...parsed, csv: byCode(model, orgCsv(data)) };
  };

  beforeAll(async () => {
    for (const [name, backend] of PROJECTION_BACKENDS) {
      const model = await ScenarioReports.open(backend, scenario);
      loaded.push(model);
      exports.set(name, await new OrgExportQueries(model.bed.dataSource).read('2023-12-31'));
    }
  }, 600_000);

  afterAll(async () => {
    for (const model of loaded) await model.bed.close();
  });

  it('reads the same bodies, units, name histories and change events on both databases', () => {
    expect(exports.size).toBe(2);
    const [sqlite, postgres] = [...exports.values()].map((data, i) => comparable(loaded[i], data));
    expect(postgres).toEqual(sqlite);
  });

  it('has every body, the units standing on asOf, renamed units with their former names and 194 change events', async () => {
    const [sqlite] = [...exports.values()];
    const units = await loaded[0].units.list({ asOf: '2023-12-31', status: 'ALL', page: 1, pageSize: 1 });
    expect(sqlite.bodies.length).toBe(scenario.bodies.length);
    expect(sqlite.units.length).toBe(units.total);
    expect(sqlite.units.filter((u) => u.names.length > 1).length).toBeGreaterThan(0);
    expect(sqlite.units.every((u) => u.names.at(-1)?.name === u.name)).toBe(true);
    expect(sqlite.changeEvents.length).toBe(194);
  });
});
