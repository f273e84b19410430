import { readFileSync } from 'node:fs';
import { dayBefore } from '@reorg/domain';
import type { MergedScenarioFile, MergerDayPart } from '../../fixtures/merged-province/format';
import { type MergedLoadReport, loadMergedScenario } from '../../fixtures/merged-province/load-merged-scenario';
import { MERGED_README, readMergedScenario } from '../../fixtures/merged-province/merged-scenario-file';
import { type NaiveReplay, README_SCOPES, type ReplayUnit, TALLY_FIELDS, type Tally, parseReadmeFigures, readmeFigures, replayScenario } from '../../fixtures/merged-province/naive-replay';
import { RegisterClient } from '../register/register-client';
import { expectProblem } from '../support/problem';
import { STORE_KINDS } from '../support/store-backends';

type Bucket = Tally & { netReduction: number };
type Report = Tally & { netReduction: number; bySystem: Record<string, Bucket>; bySector: Record<string, Bucket> };
type StructureUnit = { code: string; name: string; system: string; level: string; sector: string; autonomyGroup: string; staffingQuota: number; validFrom: string };
type Structure = { asOf: string; totals: { active: number }; bodies: { code: string; units: StructureUnit[] }[] };

const scenario: MergedScenarioFile = readMergedScenario();
const { from: FROM, to: TO } = scenario.period;
const MERGER = scenario.mergerDate;
const LOAD_BUDGET_MS = 60_000;

const tally = (t: Tally): Tally => Object.fromEntries(TALLY_FIELDS.map((f) => [f, t[f]])) as unknown as Tally;
const nonZero = (buckets: Record<string, Tally>) => Object.fromEntries(Object.entries(buckets).map(([k, t]) => [k, tally(t)]).filter(([, t]) => TALLY_FIELDS.some((f) => (t as Tally)[f] !== 0)));
/** The report's own totals have no transfers (a move between buckets is no change of the whole). */
const totals = (t: Tally) => ({ activeAtStart: t.activeAtStart, created: t.created, ended: t.ended, joined: t.joined, left: t.left, activeAtEnd: t.activeAtEnd });
const balances = (t: Tally) => t.activeAtStart + t.created - t.ended + t.joined - t.left + (t.transferredIn ?? 0) - (t.transferredOut ?? 0) === t.activeAtEnd;

/** A unit as the structure shows it and as the replay computes it: its body and attributes. */
const shape = (bodyCode: string, u: { name: string; system: string; level: string; sector: string; autonomyGroup: string; staffingQuota: number }) =>
  `${bodyCode}|${u.name}|${u.system}|${u.level}|${u.sector}|${u.autonomyGroup}|${u.staffingQuota}`;
const replayShape = (u: ReplayUnit) => shape(u.bodyCode, u);

describe('the README states the naive replay’s figures', () => {
  it('has one row per scope and bucket, each equal to the replay of the plan, each balancing', () => {
    const replay = replayScenario(scenario);
    const readme = readFileSync(MERGED_README, 'utf8');
    expect(readme).toContain(readmeFigures(replay, scenario));
    const figures = parseReadmeFigures(readme);
    expect(figures.size).toBe(README_SCOPES(scenario).length * 3);
    for (const { label, scope } of README_SCOPES(scenario)) {
      const report = replay.report(FROM, TO, scope);
      expect(figures.get(`${label}|total`)).toEqual(tally(report.total));
      for (const system of ['GOVERNMENT', 'PARTY_MASS']) expect(figures.get(`${label}|${system}`)).toEqual(tally(report.bySystem[system]));
    }
    for (const t of figures.values()) expect(balances(t)).toBe(true);
    // The fixture exercises what it is for: units join, are created and end in every scope that has them.
    expect(figures.get('register|total')).toMatchObject({ joined: expect.any(Number) });
    expect(figures.get('register|total')!.joined).toBeGreaterThan(50);
    expect(figures.get(`territory=${scenario.joiningProvince}|total`)!.ended).toBeGreaterThan(0);
  });
});

describe.each(STORE_KINDS)('the merged province 2024–2026 loaded over HTTP (%s)', (_, kind) => {
  let client: RegisterClient;
  let load: MergedLoadReport;
  let replay: NaiveReplay;

  const get = async <T>(path: string): Promise<T> => {
    const response = await client.get(path);
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
  const report = (query: string) => get<Report>(`/api/v1/reports/reduction?from=${FROM}&to=${TO}${query}`);
  const structure = (asOf: string, province?: string) => get<Structure>(`/api/v1/structure?asOf=${asOf}${province ? `&province=${province}` : ''}`);

  beforeAll(async () => {
    client = await RegisterClient.startOn(kind, 'merged', { REGISTER_PROVINCE: 'THAI_NGUYEN' });
    load = await loadMergedScenario({ url: client.running.url, token: await client.token('admin', 'scenario-loader') }, scenario);
    replay = replayScenario(scenario);
  }, 300_000);

  afterAll(() => client?.close(), 60_000);

  it(`loads through the HTTP API in under ${LOAD_BUDGET_MS / 1000} s`, () => {
    process.stdout.write(`merged province loaded over HTTP (${kind}) in ${load.elapsedMs} ms: ${load.requests} requests, ${load.decisionsRecorded} decisions, ${Object.keys(load.unitIds).length} units\n`);
    expect(load.elapsedMs).toBeLessThan(LOAD_BUDGET_MS);
    const units = scenario.steps.flatMap((s) => (s.kind === 'baseline' ? s.units : []));
    expect(units.length).toBeGreaterThan(200);
    expect(Object.keys(load.unitIds).length).toBeGreaterThan(units.length);
    // The merger joins every body and unit of the other province active on the date.
    const joining = [...replay.activeOn(dayBefore(MERGER)).values()].filter((u) => u.province === scenario.joiningProvince);
    expect(load.joined).toEqual({ bodies: [...replay.bodiesActiveOn(dayBefore(MERGER))].filter((code) => code.startsWith('BK-')).length, units: joining.length });
  });

  it('reports 2024–2026 as the naive replay does: per bucket, with joined and left, balancing', async () => {
    for (const { label, query, scope } of README_SCOPES(scenario)) {
      const api = await report(query);
      const expected = replay.report(FROM, TO, scope);
      expect({ label, total: totals(api) }).toEqual({ label, total: totals(expected.total) });
      expect({ label, bySystem: nonZero(api.bySystem) }).toEqual({ label, bySystem: nonZero(expected.bySystem) });
      expect({ label, bySector: nonZero(api.bySector) }).toEqual({ label, bySector: nonZero(expected.bySector) });
      for (const bucket of [api, ...Object.values(api.bySystem), ...Object.values(api.bySector)]) expect(balances(bucket)).toBe(true);
    }
    const register = await report('');
    expect(register.joined).toBeGreaterThan(0);
    expect(register.created).toBeGreaterThan(0);
  });

  it('gives each former province its own figures (territory=), which add up to the register’s after the merger', async () => {
    const bacKan = await report(`&territory=${scenario.joiningProvince}`);
    const own = await report('&territory=OWN');
    const register = await report('');
    // Before the merger the register is Thái Nguyên's own; from it, both territories.
    expect(own.activeAtStart).toBe(register.activeAtStart);
    expect(own.activeAtEnd + bacKan.activeAtEnd).toBe(register.activeAtEnd);
    expect(bacKan.joined).toBe(0);
    const bacKanBaseline = scenario.steps.flatMap((s) => (s.kind === 'baseline' ? s.units : [])).filter((u) => u.governingBodyCode.startsWith('BK-'));
    expect(bacKan.activeAtStart).toBe(bacKanBaseline.length);
    // The pre-merger period of the joining province stays reproducible.
    const bacKan2024 = await get<Report>(`/api/v1/reports/reduction?from=2024-01-01&to=2024-12-31&territory=${scenario.joiningProvince}`);
    expect(totals(bacKan2024)).toEqual(totals(replay.report('2024-01-01', '2024-12-31', { territory: scenario.joiningProvince }).total));
  });

  it('narrows /structure to a 2025 province: Thái Nguyên (this register, REGISTER_PROVINCE) with what joined it, before and after the merger; another is empty; an unknown code is a 400 naming province', async () => {
    for (const asOf of [FROM, dayBefore(MERGER), MERGER, TO]) {
      const whole = await structure(asOf);
      const thaiNguyen = await structure(asOf, 'THAI_NGUYEN');
      // Every unit of the register is Thái Nguyên's (its own) or Bắc Kạn's (joins it): the whole register, body by body.
      expect({ asOf, totals: thaiNguyen.totals, bodies: thaiNguyen.bodies }).toEqual({ asOf, totals: whole.totals, bodies: whole.bodies });
      if (asOf < MERGER) expect(thaiNguyen.bodies.some((b) => b.code.startsWith('BK-') && b.units.length > 0)).toBe(true);
      const haNoi = await structure(asOf, 'HA_NOI');
      expect({ asOf, totals: haNoi.totals.active, bodies: haNoi.bodies }).toEqual({ asOf, totals: 0, bodies: [] });
    }
    // As known at an instant (the SQL path): the same narrowing.
    const knownAt = new Date().toISOString();
    const [wholeThen, thaiNguyenThen, haNoiThen] = await Promise.all(['', '&province=THAI_NGUYEN', '&province=HA_NOI'].map((q) => get<Structure>(`/api/v1/structure?asOf=${MERGER}&knownAt=${knownAt}${q}`)));
    expect({ totals: thaiNguyenThen.totals, bodies: thaiNguyenThen.bodies }).toEqual({ totals: wholeThen.totals, bodies: wholeThen.bodies });
    expect({ totals: haNoiThen.totals.active, bodies: haNoiThen.bodies }).toEqual({ totals: 0, bodies: [] });
    // Narrowed and whole answers are different resources: their validators differ.
    const tags = await Promise.all(['', '&province=THAI_NGUYEN', '&province=HA_NOI'].map(async (q) => (await client.get(`/api/v1/structure?asOf=${MERGER}${q}`)).headers.get('etag')));
    expect(new Set(tags).size).toBe(3);
    for (const [language, words] of [['vi', 'Nghị quyết 202/2025/QH15'], ['en', 'Resolution 202/2025/QH15']]) {
      const problem = await expectProblem(await client.get(`/api/v1/structure?asOf=${MERGER}&province=BAC_KAN`, { language }), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([expect.objectContaining({ path: 'province', code: 'UNKNOWN_PROVINCE', detail: expect.stringContaining(words) })]);
      expect(String((problem.errors as { detail: string }[])[0].detail)).toContain('HO_CHI_MINH');
    }
  });

  it(`/structure on ${dayBefore(MERGER)} and ${MERGER} differ exactly by the merger, the district abolition and the commune mergers`, async () => {
    const units = (s: Structure) => new Map(s.bodies.flatMap((b) => b.units.map((u) => [u.code, { shape: shape(b.code, u), validFrom: u.validFrom }] as const)));
    const [dayBeforeStructure, dayOfStructure] = [await structure(dayBefore(MERGER)), await structure(MERGER)];
    const before = units(dayBeforeStructure);
    const after = units(dayOfStructure);

    // Bodies: the old communes, the district bodies and Bắc Kạn's departments end; the new communes begin.
    const bodyCodes = (s: Structure) => new Set(s.bodies.map((b) => b.code));
    expect(bodyCodes(dayBeforeStructure)).toEqual(replay.bodiesActiveOn(dayBefore(MERGER)));
    expect(bodyCodes(dayOfStructure)).toEqual(replay.bodiesActiveOn(MERGER));

    // Both dates, unit by unit, as the replay has them.
    const expectedBefore = replay.activeOn(dayBefore(MERGER));
    const expectedAfter = replay.activeOn(MERGER);
    expect(new Map([...before].map(([code, u]) => [code, u.shape]))).toEqual(new Map([...expectedBefore].map(([code, u]) => [code, replayShape(u)])));
    expect(new Map([...after].map(([code, u]) => [code, u.shape]))).toEqual(new Map([...expectedAfter].map(([code, u]) => [code, replayShape(u)])));

    // The difference: units that ended, units created, units changed that day (moved, or joined without moving).
    const changedByApi = [...after].filter(([code, u]) => u.validFrom === MERGER && before.has(code)).map(([code]) => code).sort();
    const changedByPlan = replay.changedOn(MERGER);
    const ended = [...before.keys()].filter((c) => !after.has(c)).sort();
    const created = [...after.keys()].filter((c) => !before.has(c)).sort();
    expect(changedByApi).toEqual([...changedByPlan.keys()].filter((c) => expectedBefore.has(c) && expectedAfter.has(c)).sort());
    expect(ended).toEqual([...changedByPlan.keys()].filter((c) => expectedBefore.has(c) && !expectedAfter.has(c)).sort());
    expect(created).toEqual([...changedByPlan.keys()].filter((c) => !expectedBefore.has(c)).sort());
    // Units the day did not touch are the same versions on both dates.
    for (const [code, u] of after) if (before.has(code) && !changedByPlan.has(code)) expect({ code, validFrom: u.validFrom, shape: u.shape }).toEqual({ code, validFrom: before.get(code)!.validFrom, shape: before.get(code)!.shape });

    // Every change of the day belongs to one of the three, and each of the three changes something.
    const parts = new Map<MergerDayPart | 'other', number>();
    for (const causes of changedByPlan.values()) for (const cause of causes) parts.set(cause, (parts.get(cause) ?? 0) + 1);
    expect(parts.get('other')).toBeUndefined();
    expect([...parts.keys()].sort()).toEqual(['commune-mergers', 'district-abolition', 'province-merger']);
    expect(ended.length).toBeGreaterThan(0);
    expect(created.length).toBeGreaterThan(0);
    // Every unit of the joining province active the day before has a new version from the merger date (it joined).
    const joining = [...expectedBefore.values()].filter((u) => u.province === scenario.joiningProvince).map((u) => u.code);
    expect(joining.length).toBeGreaterThan(50);
    expect(joining.filter((code) => after.get(code)?.validFrom !== MERGER && after.has(code))).toEqual([]);
  });
});
