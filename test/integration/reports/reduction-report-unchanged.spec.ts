import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReductionReport } from '@reorg/read-models/reports';
import { readScenario } from '../../fixtures/scenario/scenario-file';
import { PROJECTION_BACKENDS } from '../projections/projection-backends';
import { ScenarioReports } from './reports-scenario-bed';

/**
 * The report over the province scenario 2018–2023 as the register gave it before province mergers
 * (joined/left) existed, captured from that code: every figure must stay exactly as it was, and
 * the new movements must be zero (nothing joined or left this register in those years).
 */
const GOLDEN = JSON.parse(readFileSync(join(__dirname, 'golden', 'reduction-2018-2023.json'), 'utf8')) as ReductionReport;
const scenario = readScenario();

/** The report without the joined/left movements added later, to compare with the figures from before them. */
function withoutMovements(report: ReductionReport): unknown {
  const strip = (bucket: object) => Object.fromEntries(Object.entries(bucket).filter(([k]) => k !== 'joined' && k !== 'left'));
  const buckets = (record: Record<string, object>) => Object.fromEntries(Object.entries(record).map(([k, b]) => [k, strip(b)]));
  const { bySystem, bySector, byYear, ...rest } = report;
  return { ...strip(rest), bySystem: buckets(bySystem), bySector: buckets(bySector), byYear: byYear.map(strip) };
}

describe('the 2018–2023 reduction report over the province scenario is unchanged by province mergers', () => {
  let model: ScenarioReports;
  let report: ReductionReport;

  beforeAll(async () => {
    model = await ScenarioReports.open(PROJECTION_BACKENDS[0][1], scenario);
    report = await model.reports.reduction({ from: '2018-01-01', to: '2023-12-31' });
  }, 300_000);

  afterAll(() => model?.bed.close());

  it('gives every figure it gave before', () => {
    expect(GOLDEN.netReduction).toBe(118);
    expect(withoutMovements(report)).toEqual(GOLDEN);
  });

  it('counts nothing joined or left, in every bucket and year', () => {
    const movements = [report, ...Object.values(report.bySystem), ...Object.values(report.bySector), ...report.byYear].map((b) => {
      const { joined, left } = b as unknown as { joined: number; left: number };
      return { joined, left };
    });
    expect(movements.every((m) => m.joined === 0 && m.left === 0)).toBe(true);
  });
});
