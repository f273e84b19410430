import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPERATION_TYPE_CODES, dayAfter, dayBefore, decisionKey } from '@reorg/domain';
import { type EventStore, PostgresEventStore, SqliteEventStore } from '@reorg/event-store';
import { requirePostgres, uniqueName } from '@reorg/testing';
import { type ScenarioLoadReport, loadScenario } from '../../fixtures/scenario/load-scenario';
import { readScenario } from '../../fixtures/scenario/scenario-file';
import type { ScenarioDecision, ScenarioFile } from '../../fixtures/scenario/scenario-format';
import { RegisterFromLog, readWholeLog, verifyChain } from './register-from-log';

const scenario = readScenario();
const START = dayBefore(scenario.expected.from);
const END = scenario.expected.to;
const LOAD_BUDGET_MS = 30_000;

/** The decision as first recorded (in error) and as re-imported after its annulment. */
function annulledAndCorrected(s: ScenarioFile): { wrong: ScenarioDecision; corrected: ScenarioDecision } {
  const annulment = s.steps.find((step) => step.kind === 'annulment');
  if (annulment?.kind !== 'annulment') throw new Error('the scenario has no annulment');
  const records = s.steps.flatMap((step) => (step.kind === 'decisions' ? step.decisions : [])).filter((d) => d.number === annulment.number && d.issuer === annulment.issuer);
  if (records.length !== 2) throw new Error(`expected the annulled decision twice, found ${records.length}`);
  return { wrong: records[0], corrected: records[1] };
}

async function loadAndRead(store: EventStore): Promise<{ report: ScenarioLoadReport; register: RegisterFromLog }> {
  const report = await loadScenario(store, scenario);
  return { report, register: new RegisterFromLog(await readWholeLog(store)) };
}

describe('province scenario 2018–2023 on the embedded SQLite store', () => {
  let dir: string;
  let store: SqliteEventStore;
  let report: ScenarioLoadReport;
  let register: RegisterFromLog;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reorg-scenario-'));
    store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    ({ report, register } = await loadAndRead(store));
  });

  afterAll(async () => {
    await store?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  // The budget is for the loader's own work (CPU time), which other work on the machine does not stretch.
  it(`loads in under ${LOAD_BUDGET_MS / 1000} s of CPU time`, () => {
    process.stdout.write(`scenario loaded into SQLite in ${report.elapsedMs} ms, ${report.cpuMs} ms of CPU (${report.decisionsRecorded} decision records, last position ${report.lastPosition})\n`);
    expect(report.cpuMs).toBeLessThan(LOAD_BUDGET_MS);
    expect(report).toMatchObject({ bodies: scenario.bodies.length, baselineUnits: scenario.baseline.length, annulments: 1, abolitions: 1 });
  });

  it('reduces 118 units from 2017-12-31 to 2023-12-31: 116 GOVERNMENT and 2 PARTY_MASS', () => {
    const start = register.activeOn(START);
    const end = register.activeOn(END);
    expect(start).toEqual(scenario.expected.activeAtStart);
    expect(end).toEqual(scenario.expected.activeAtEnd);
    expect({ GOVERNMENT: start.GOVERNMENT - end.GOVERNMENT, PARTY_MASS: start.PARTY_MASS - end.PARTY_MASS }).toEqual({ GOVERNMENT: 116, PARTY_MASS: 2 });
    expect(start.GOVERNMENT + start.PARTY_MASS).toBeGreaterThanOrEqual(550);
  });

  it('has gross counts far from the net (the baseline never counts as created)', () => {
    const created = register.createdIn(scenario.expected.from, END);
    const ended = register.endedIn(scenario.expected.from, END);
    expect({ created, ended }).toEqual({ created: scenario.expected.created, ended: scenario.expected.ended });
    expect(ended - created).toBe(118);
    expect(created).toBeGreaterThan(100);
  });

  it('uses every operation type in at least three recorded decisions', () => {
    const imported = register.decisionsByOperation('import');
    expect(imported).toEqual(scenario.expected.decisionsByOperation);
    expect(OPERATION_TYPE_CODES.filter((type) => (imported[type] ?? 0) < 3)).toEqual([]);
  });

  it('records a 2019 back-fill after decisions effective in 2022', () => {
    const decisions = register.decisionsInForce();
    const first2022 = decisions.findIndex((d) => d.effectiveDate.startsWith('2022-'));
    const late2019 = decisions.findLastIndex((d) => d.effectiveDate.startsWith('2019-'));
    expect(first2022).toBeGreaterThanOrEqual(0);
    expect(late2019).toBeGreaterThan(first2022);
  });

  it('has decisions effective on 1 January and on 31 December', () => {
    const dates = register.decisionsInForce().map((d) => d.effectiveDate);
    expect(dates.filter((d) => d.endsWith('-01-01')).length).toBeGreaterThan(0);
    expect(dates.filter((d) => d.endsWith('-12-31')).length).toBeGreaterThan(0);
  });

  it('leaves no trace of the annulled decision in the register as it stands', () => {
    const { wrong, corrected } = annulledAndCorrected(scenario);
    const [wrongOp] = wrong.operations;
    const [correctOp] = corrected.operations;
    if (wrongOp.type !== 'CONSOLIDATE' || correctOp.type !== 'CONSOLIDATE') throw new Error('expected consolidations');
    const wronglyIncluded = wrongOp.sourceUnitCodes.filter((c) => !correctOp.sourceUnitCodes.includes(c));
    expect(wronglyIncluded).toHaveLength(1);
    const kindergarten = register.timeline(report.unitIds[wronglyIncluded[0]]);
    expect(kindergarten.asOf(corrected.effectiveDate)?.status).toBe('ACTIVE');
    expect(kindergarten.asOf(END)?.status).toBe('ACTIVE');
    expect(kindergarten.decisionKeys()).not.toContain(decisionKey(wrong.issuer, wrong.number, wrong.date));

    const stream = [...register.decisionStreams.values()].find((s) => s.records[0]?.number === wrong.number && s.records[0].issuer === wrong.issuer)!;
    expect(stream.records).toHaveLength(2);
    const wrongUnitId = stream.records[0].createdUnits[0].unitId;
    const correctedUnitId = stream.records[1].createdUnits[0].unitId;
    expect(wrongUnitId).not.toBe(correctedUnitId);
    expect(register.timeline(wrongUnitId).exists).toBe(false);
    expect(register.timeline(wrongUnitId).asOf(END)).toBeUndefined();
    expect(register.timeline(correctedUnitId).asOf(corrected.effectiveDate)?.status).toBe('ACTIVE');
    expect(report.unitIds[correctOp.newUnit.code]).toBe(correctedUnitId);
  });

  it('moves units between the systems by cross-system transfer', () => {
    const moved = [...register.timelines.values()].filter((t) => {
      const before = t.asOf(START);
      const after = t.asOf(END);
      return before && after && before.attributes.system !== after.attributes.system;
    });
    expect(moved.length).toBe(scenario.expected.transfersBetweenSystems);
    expect(moved.every((t) => t.asOf(START)!.attributes.system === 'GOVERNMENT' && t.asOf(END)!.attributes.system === 'PARTY_MASS')).toBe(true);
  });

  it("moves the abolished district's units to the city on 2023-07-01", () => {
    const abolition = scenario.steps.find((s) => s.kind === 'abolition');
    if (abolition?.kind !== 'abolition') throw new Error('the scenario has no abolition');
    const from = report.bodyIds[abolition.bodyCode];
    const to = report.bodyIds[abolition.transferUnitsToCode];
    const underOn = (bodyId: string, date: string) =>
      [...register.timelines.values()].filter((t) => t.asOf(date)?.status === 'ACTIVE' && t.asOf(date)!.attributes.governingBodyId === bodyId).map((t) => t.unitId);
    const before = underOn(from, dayBefore(abolition.effectiveDate));
    expect(before.length).toBeGreaterThan(10);
    expect(underOn(from, abolition.effectiveDate)).toEqual([]);
    expect(underOn(from, END)).toEqual([]);
    const after = new Set(underOn(to, abolition.effectiveDate));
    expect(before.every((id) => after.has(id))).toBe(true);
    const record = register.decisionsInForce().find((d) => d.source === 'abolition');
    // The abolition is one body operation; every unit it moved is touched by the record (a TRANSFER naming it).
    expect(record?.bodyOperations?.map((operation) => operation.type)).toEqual(['ABOLISH_BODY']);
    expect([...(record?.touchedUnitIds ?? [])].sort()).toEqual([...before].sort());
    expect(record?.effectiveDate).toBe(abolition.effectiveDate);
    // Changes recorded after the abolition apply to the moved units under their new body.
    const changedLater = before.filter((id) => register.timeline(id).decisionsAfter(dayAfter(abolition.effectiveDate)).length > 0);
    expect(changedLater.length).toBeGreaterThan(0);
  });

  it('stores every name NFC-normalised', () => {
    const names = [...register.timelines.values()].filter((t) => t.exists).map((t) => t.latest()!.attributes.name);
    expect(names.length).toBeGreaterThan(scenario.baseline.length);
    expect(names.filter((n) => n !== n.normalize('NFC'))).toEqual([]);
    expect(names.some((n) => /[ăâđêôơư]/i.test(n))).toBe(true);
  });

  it('leaves an intact hash chain', async () => {
    const verification = await verifyChain(store);
    expect(verification.failures).toEqual([]);
    expect(verification.ok).toBe(true);
    expect(verification.events).toBe(report.lastPosition);
  });
});

describe('province scenario 2018–2023 on PostgreSQL (throwaway schema)', () => {
  let store: PostgresEventStore | undefined;
  let report: ScenarioLoadReport;
  let register: RegisterFromLog;

  beforeAll(async () => {
    // Fails (never skips) when PostgreSQL is unreachable.
    store = await PostgresEventStore.connect({ connectionString: requirePostgres(), schema: uniqueName('scenario') });
    ({ report, register } = await loadAndRead(store));
  }, 600_000);

  afterAll(async () => {
    if (!store) return;
    await store.dropSchema();
    await store.close();
  });

  it('reproduces the totals and an intact chain', async () => {
    process.stdout.write(`scenario loaded into PostgreSQL in ${report.elapsedMs} ms\n`);
    expect(register.activeOn(START)).toEqual(scenario.expected.activeAtStart);
    expect(register.activeOn(END)).toEqual(scenario.expected.activeAtEnd);
    expect(register.createdIn(scenario.expected.from, END)).toBe(scenario.expected.created);
    expect(register.endedIn(scenario.expected.from, END)).toBe(scenario.expected.ended);
    expect(register.decisionsByOperation('import')).toEqual(scenario.expected.decisionsByOperation);
    expect((await verifyChain(store!)).ok).toBe(true);
  });
});
