import { dayBefore, OPERATION_TYPE_CODES, SECTOR_CODES } from '@reorg/domain';
import type { ReductionBucket, ReductionReport } from '@reorg/read-models/reports';
import { readScenario } from '../../fixtures/scenario/scenario-file';
import type { ScenarioDecision } from '../../fixtures/scenario/scenario-format';
import { PROJECTION_BACKENDS } from '../projections/projection-backends';
import { ScenarioReports } from './reports-scenario-bed';

const scenario = readScenario();
const { from: FROM, to: TO } = scenario.expected;

function balanceBreaks(buckets: Record<string, ReductionBucket>): string[] {
  return Object.entries(buckets).flatMap(([key, b]) =>
    b.activeAtStart + b.created - b.ended + b.transferredIn - b.transferredOut === b.activeAtEnd && b.netReduction === b.activeAtStart - b.activeAtEnd ? [] : [`${key}: ${JSON.stringify(b)}`],
  );
}

const sum = <T>(items: T[], pick: (item: T) => number) => items.reduce((total, item) => total + pick(item), 0);

/** The decision first recorded with a kindergarten wrongly among the consolidated schools (annulled, then re-imported corrected). */
function annulledDecision(): ScenarioDecision {
  const annulment = scenario.steps.find((step) => step.kind === 'annulment');
  if (annulment?.kind !== 'annulment') throw new Error('the scenario has no annulment');
  const [wrong] = scenario.steps.flatMap((step) => (step.kind === 'decisions' ? step.decisions : [])).filter((d) => d.number === annulment.number && d.issuer === annulment.issuer);
  return wrong;
}

describe('the reduction report over the province scenario, on SQLite and PostgreSQL', () => {
  const loaded = new Map<string, ScenarioReports>();
  const reports = new Map<string, ReductionReport>();

  beforeAll(async () => {
    for (const [name, backend] of PROJECTION_BACKENDS) {
      const model = await ScenarioReports.open(backend, scenario);
      loaded.set(name, model);
      reports.set(name, await model.reports.reduction({ from: FROM, to: TO }));
    }
  }, 600_000);

  afterAll(async () => {
    for (const model of loaded.values()) await model.bed.close();
  });

  const each = () => [...reports.entries()];

  it('reports a net reduction of 118 = 116 GOVERNMENT + 2 PARTY_MASS, with 152 created and 270 ended', () => {
    expect(each().length).toBe(2);
    for (const [name, report] of each()) {
      expect({ name, errors: loaded.get(name)!.bed.logger.errors }).toEqual({ name, errors: [] });
      expect({
        name,
        from: report.from,
        to: report.to,
        activeAtStart: report.activeAtStart,
        activeAtEnd: report.activeAtEnd,
        netReduction: report.netReduction,
        created: report.created,
        ended: report.ended,
        GOVERNMENT: report.bySystem.GOVERNMENT.netReduction,
        PARTY_MASS: report.bySystem.PARTY_MASS.netReduction,
      }).toEqual({ name, from: FROM, to: TO, activeAtStart: 596, activeAtEnd: 478, netReduction: 118, created: 152, ended: 270, GOVERNMENT: 116, PARTY_MASS: 2 });
      expect(Object.fromEntries(Object.entries(report.bySystem).map(([s, b]) => [s, [b.activeAtStart, b.activeAtEnd]]))).toEqual({
        GOVERNMENT: [scenario.expected.activeAtStart.GOVERNMENT, scenario.expected.activeAtEnd.GOVERNMENT],
        PARTY_MASS: [scenario.expected.activeAtStart.PARTY_MASS, scenario.expected.activeAtEnd.PARTY_MASS],
      });
    }
  });

  it('keeps activeAtStart + created − ended + transferredIn − transferredOut = activeAtEnd in every bucket', () => {
    for (const [name, report] of each()) {
      expect({ name, system: balanceBreaks(report.bySystem), sector: balanceBreaks(report.bySector) }).toEqual({ name, system: [], sector: [] });
      const systems = Object.values(report.bySystem);
      const sectors = Object.values(report.bySector);
      expect(Object.keys(report.bySystem)).toEqual(['GOVERNMENT', 'PARTY_MASS']);
      // The fixture's 2018–2023 units use the eleven sectors of the list before 2025, every one of them.
      expect(Object.keys(report.bySector)).toEqual([...SECTOR_CODES.slice(0, 11)].sort());
      expect([sum(systems, (b) => b.transferredIn), sum(systems, (b) => b.transferredOut)]).toEqual([scenario.expected.transfersBetweenSystems, scenario.expected.transfersBetweenSystems]);
      expect([report.bySystem.GOVERNMENT.transferredOut, report.bySystem.PARTY_MASS.transferredIn]).toEqual([3, 3]);
      for (const buckets of [systems, sectors]) {
        expect([sum(buckets, (b) => b.activeAtStart), sum(buckets, (b) => b.activeAtEnd), sum(buckets, (b) => b.created), sum(buckets, (b) => b.ended)]).toEqual([
          report.activeAtStart,
          report.activeAtEnd,
          report.created,
          report.ended,
        ]);
      }
      expect(sum(sectors, (b) => b.transferredIn + b.transferredOut)).toBe(0);
    }
  });

  it('gives one year per calendar year, zeros included, summing to the totals', () => {
    for (const [, report] of each()) {
      expect(report.byYear.map((y) => y.year)).toEqual([2018, 2019, 2020, 2021, 2022, 2023]);
      expect(report.byYear.every((y) => y.netReduction === y.ended - y.created)).toBe(true);
      expect([sum(report.byYear, (y) => y.created), sum(report.byYear, (y) => y.ended), sum(report.byYear, (y) => y.netReduction)]).toEqual([152, 270, 118]);
    }
  });

  it('counts the decisions of every operation type, and the units each created and ended', () => {
    for (const [, report] of each()) {
      // The abolition of Huyện Hòa An (2023-07-01) moves its units by TRANSFERs under one more decision.
      const expectedDecisions = { ...scenario.expected.decisionsByOperation, TRANSFER: scenario.expected.decisionsByOperation.TRANSFER + 1 };
      expect(Object.keys(report.byOperation)).toEqual([...OPERATION_TYPE_CODES]);
      expect(Object.fromEntries(Object.entries(report.byOperation).map(([type, counts]) => [type, counts.decisions]))).toEqual(expectedDecisions);
      const counts = Object.values(report.byOperation);
      expect([sum(counts, (c) => c.unitsCreated), sum(counts, (c) => c.unitsEnded)]).toEqual([152, 270]);
      expect(report.byOperation.SEPARATE).toMatchObject({ unitsCreated: expect.any(Number), unitsEnded: 0 });
      expect(report.byOperation.SEPARATE.unitsCreated).toBeGreaterThan(0);
      expect([report.byOperation.DISSOLVE.unitsCreated, report.byOperation.ESTABLISH.unitsEnded, report.byOperation.RENAME.unitsCreated + report.byOperation.RENAME.unitsEnded]).toEqual([0, 0, 0]);
    }
  });

  it('sums the staffing quota of the active units on the day before from and on to', async () => {
    for (const [name, report] of each()) {
      const model = loaded.get(name)!;
      const quota = async (asOf: string) => {
        const structure = await model.units.structure({ asOf }, new Date().toISOString());
        return sum(structure.bodies.flatMap((b) => b.units), (u) => u.staffingQuota);
      };
      expect([report.staffingQuotaAtStart, report.staffingQuotaAtEnd]).toEqual([await quota(dayBefore(FROM)), await quota(TO)]);
    }
  });

  it('answers the same on both databases, for the whole period and for a single year', async () => {
    const [[, sqlite], [, postgres]] = [...loaded.entries()];
    expect(reports.get('PostgreSQL')).toEqual(reports.get('SQLite file'));
    const year = await sqlite.reports.reduction({ from: '2021-01-01', to: '2021-12-31' });
    expect(await postgres.reports.reduction({ from: '2021-01-01', to: '2021-12-31' })).toEqual(year);
    const whole = reports.get('SQLite file')!;
    expect({ created: year.created, ended: year.ended }).toEqual({ created: whole.byYear[3].created, ended: whole.byYear[3].ended });
    expect(year.byYear).toEqual([whole.byYear[3]]);
  });

  it('changes with the annulment only for a knownAt at or after it, on both databases', async () => {
    const wrong = annulledDecision();
    const [operation] = wrong.operations;
    if (operation.type !== 'CONSOLIDATE') throw new Error('expected the annulled decision to consolidate');
    const sources = operation.sourceUnitCodes.length;
    for (const [name, model] of loaded.entries()) {
      const annulledAt = await model.recordedAtOf('DecisionAnnulled');
      const justBefore = new Date(Date.parse(annulledAt) - 1).toISOString();
      const before = await model.reports.reduction({ from: FROM, to: TO, knownAt: justBefore });
      const after = await model.reports.reduction({ from: FROM, to: TO, knownAt: annulledAt });
      expect({ name, before: balanceBreaks(before.bySystem), after: balanceBreaks(after.bySystem) }).toEqual({ name, before: [], after: [] });
      expect({
        name,
        created: before.created - after.created,
        ended: before.ended - after.ended,
        netReduction: before.netReduction - after.netReduction,
        consolidations: before.byOperation.CONSOLIDATE.decisions - after.byOperation.CONSOLIDATE.decisions,
        consolidatedUnits: before.byOperation.CONSOLIDATE.unitsEnded - after.byOperation.CONSOLIDATE.unitsEnded,
        activeAtStart: before.activeAtStart - after.activeAtStart,
      }).toEqual({ name, created: 1, ended: sources, netReduction: sources - 1, consolidations: 1, consolidatedUnits: sources, activeAtStart: 0 });
      // The annulment's instant is inclusive; current knowledge (the corrected decision re-imported) is the final figure.
      expect(await model.reports.reduction({ from: FROM, to: TO, knownAt: new Date().toISOString() })).toEqual(reports.get(name));
    }
  });
});
