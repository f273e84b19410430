import { dayBefore } from '@reorg/domain';
import { readModelTransaction } from '@reorg/projections';
import { unitsProjection } from '@reorg/read-models/units';
import { readScenario } from '../../fixtures/scenario/scenario-file';
import type { ScenarioDecision } from '../../fixtures/scenario/scenario-format';
import { PROJECTION_BACKENDS } from '../projections/projection-backends';
import { ScenarioReadModel } from './units-read-model-bed';

const scenario = readScenario();
const START = dayBefore(scenario.expected.from);
const END = scenario.expected.to;
const DATES = [START, '2019-06-30', '2021-12-31', END, '2025-01-01'];

/** The decision first recorded with a kindergarten wrongly among the consolidated schools, and the kindergarten's code. */
function annulledDecision(): { decision: ScenarioDecision; wronglyIncluded: string } {
  const annulment = scenario.steps.find((step) => step.kind === 'annulment');
  if (annulment?.kind !== 'annulment') throw new Error('the scenario has no annulment');
  const [wrong, corrected] = scenario.steps.flatMap((step) => (step.kind === 'decisions' ? step.decisions : [])).filter((d) => d.number === annulment.number && d.issuer === annulment.issuer);
  const [wrongOp] = wrong.operations;
  const [correctOp] = corrected.operations;
  if (wrongOp.type !== 'CONSOLIDATE' || correctOp.type !== 'CONSOLIDATE') throw new Error('expected consolidations');
  return { decision: wrong, wronglyIncluded: wrongOp.sourceUnitCodes.find((c) => !correctOp.sourceUnitCodes.includes(c))! };
}

describe('the units read model over the province scenario, on SQLite and PostgreSQL', () => {
  const loaded = new Map<string, ScenarioReadModel>();

  beforeAll(async () => {
    for (const [name, backend] of PROJECTION_BACKENDS) loaded.set(name, await ScenarioReadModel.load(backend, scenario));
  }, 600_000);

  afterAll(async () => {
    for (const model of loaded.values()) await model.bed.close();
  });

  const each = () => [...loaded.entries()];

  it('counts 118 fewer active units at 2023-12-31 than at 2017-12-31: 116 GOVERNMENT and 2 PARTY_MASS', async () => {
    for (const [name, model] of each()) {
      expect({ name, runnerErrors: model.bed.logger.errors }).toEqual({ name, runnerErrors: [] });
      const start = await model.queries.structure({ asOf: START }, new Date().toISOString());
      const end = await model.queries.structure({ asOf: END }, new Date().toISOString());
      expect({ name, start: start.totals.bySystem, end: end.totals.bySystem }).toEqual({ name, start: scenario.expected.activeAtStart, end: scenario.expected.activeAtEnd });
      expect({ name, net: start.totals.active - end.totals.active, GOVERNMENT: start.totals.bySystem.GOVERNMENT - end.totals.bySystem.GOVERNMENT, PARTY_MASS: start.totals.bySystem.PARTY_MASS - end.totals.bySystem.PARTY_MASS }).toEqual({
        name,
        net: 118,
        GOVERNMENT: 116,
        PARTY_MASS: 2,
      });
    }
  });

  it('gives the same units, structure and diff on both databases at every date', async () => {
    const [[, sqlite], [, postgres]] = each();
    for (const asOf of DATES) {
      const units = await sqlite.allUnits({ asOf });
      expect(units.length).toBeGreaterThan(500);
      expect({ asOf, units: await postgres.allUnits({ asOf }) }).toEqual({ asOf, units });
      const [a, b] = await Promise.all([sqlite.queries.structure({ asOf }, 'now'), postgres.queries.structure({ asOf }, 'now')]);
      expect(b.totals).toEqual(a.totals);
      expect(b.bodies.map((body) => [body.code, body.units.map((u) => u.code)])).toEqual(a.bodies.map((body) => [body.code, body.units.map((u) => u.code)]));
    }
    const portableDiff = async (model: ScenarioReadModel) => {
      const diff = await model.queries.diff(START, END);
      return { established: diff.established.map((u) => model.portable(u)), ended: diff.ended.map((u) => model.portable(u)), changed: diff.changed.map((c) => [model.portable(c.before), model.portable(c.after)]) };
    };
    const diff = await portableDiff(sqlite);
    expect({ established: diff.established.length, ended: diff.ended.length }).toEqual({ established: scenario.expected.created, ended: scenario.expected.ended });
    expect(await portableDiff(postgres)).toEqual(diff);
  });

  it('shows the annulled consolidation only as known before the annulment, on both databases', async () => {
    const { decision, wronglyIncluded } = annulledDecision();
    const answers = [];
    for (const [name, model] of each()) {
      const annulledAt = await model.recordedAtOf('DecisionAnnulled');
      const justBefore = new Date(Date.parse(annulledAt) - 1).toISOString();
      const kindergarten = model.report.unitIds[wronglyIncluded];
      const before = await model.queries.get(kindergarten, { asOf: decision.effectiveDate, knownAt: justBefore });
      const after = await model.queries.get(kindergarten, { asOf: decision.effectiveDate, knownAt: annulledAt });
      const unitsBefore = await model.allUnits({ asOf: END, knownAt: justBefore });
      answers.push({ name, before: before?.status, after: after?.status, now: (await model.queries.get(kindergarten, { asOf: END }))?.status, unitsBefore: unitsBefore.map((u) => [u.code, u.status]) });
    }
    expect(answers.map(({ name, before, after, now }) => ({ name, before, after, now }))).toEqual(each().map(([name]) => ({ name, before: 'MERGED', after: 'ACTIVE', now: 'ACTIVE' })));
    expect(answers[1].unitsBefore).toEqual(answers[0].unitsBefore);
  });

  it('changes nothing when events are delivered again, through the runner or straight to the projection', async () => {
    for (const [, model] of each()) {
      const rows = await model.versionRows();
      expect(rows.filter((row) => row.recordedTo !== null).length).toBeGreaterThan(0);
      const events = await model.bed.store.readAll({ after: 0, maxCount: 3000 });
      const runner = model.bed.runner();
      await runner.applyBatch(unitsProjection, events);
      const unitEvents = events.filter((e) => e.type.startsWith('Unit'));
      await readModelTransaction(model.bed.dataSource, async (tx) => {
        for (const event of unitEvents) await unitsProjection.apply(event, tx);
      });
      expect(await model.versionRows()).toEqual(rows);
    }
  });
});
