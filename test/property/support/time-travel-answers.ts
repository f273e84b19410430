import { isDeepStrictEqual } from 'node:util';
import type { ReportQueries } from '@reorg/read-models/reports';
import type { TimePoint, UnitQueries, UnitView } from '@reorg/read-models/units';
import { PROVINCE } from './history-plan';
import { naiveReduction } from './naive-report';
import type { NaiveRegister, NaiveUnit } from './naive-replay';

/** A unit id no event names: the read model must answer "not found" for it at any time. */
export const NEVER_EXISTED = '00000000-0000-4000-8000-000000000000';
const SYSTEMS = ['GOVERNMENT', 'PARTY_MASS'];

function byCode<T extends { code: string }>(units: T[]): T[] {
  return [...units].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** JSON round trip: undefined fields vanish on both sides, as they would over HTTP. */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function expectSame(label: string, actual: unknown, expected: unknown): void {
  if (isDeepStrictEqual(plain(actual), plain(expected))) return;
  throw new Error(`${label}\n  read model: ${JSON.stringify(actual)}\n  naive replay: ${JSON.stringify(expected)}`);
}

async function everyPage(queries: UnitQueries, at: TimePoint, filter: { status: 'ACTIVE' | 'ALL'; system?: string }, pageSize: number): Promise<{ items: UnitView[]; totals: number[] }> {
  const items: UnitView[] = [];
  const totals: number[] = [];
  for (let page = 1; page <= 100; page++) {
    const result = await queries.list({ ...at, ...filter, page, pageSize });
    items.push(...result.items);
    totals.push(result.total);
    if (result.items.length < pageSize) return { items, totals };
  }
  throw new Error('more than 100 pages: the list does not end');
}

/**
 * Asks the read model every time-travel question at one (asOf, knownAt) and compares each answer
 * with the naive replay: each unit (and an unknown one), the active and complete lists page by
 * page, a filtered list, the structure and the diff since `diffFrom`.
 */
export async function compareAnswers(queries: UnitQueries, naive: NaiveRegister, at: TimePoint, diffFrom: string, pageSize: number): Promise<void> {
  const where = `asOf ${at.asOf}, knownAt ${at.knownAt ?? 'now'}`;
  const units = naive.unitsAt(at.asOf, at.knownAt);
  for (const unitId of [...naive.allUnitIds, NEVER_EXISTED]) {
    expectSame(`unit ${unitId} (${units.get(unitId)?.code ?? 'not established'}) ${where}`, await queries.get(unitId, at), units.get(unitId));
  }

  const all = byCode([...units.values()]);
  const active = all.filter((u) => u.status === 'ACTIVE');
  const lists: [string, { status: 'ACTIVE' | 'ALL'; system?: string }, NaiveUnit[]][] = [
    ['active units', { status: 'ACTIVE' }, active],
    ['all units (status=ALL)', { status: 'ALL' }, all],
    ['active GOVERNMENT units', { status: 'ACTIVE', system: 'GOVERNMENT' }, active.filter((u) => u.system === 'GOVERNMENT')],
  ];
  for (const [label, filter, expected] of lists) {
    const { items, totals } = await everyPage(queries, at, filter, pageSize);
    expectSame(`${label} ${where}, pages of ${pageSize}`, items, expected);
    expectSame(`${label} total ${where}`, [...new Set(totals)], [expected.length]);
  }

  const structure = await queries.structure(at, 'now');
  const bySystem = Object.fromEntries(SYSTEMS.map((s) => [s, active.filter((u) => u.system === s).length]));
  const bySector: Record<string, number> = {};
  for (const unit of active) bySector[unit.sector] = (bySector[unit.sector] ?? 0) + 1;
  expectSame(`structure totals ${where}`, structure.totals, { active: active.length, bySystem, bySector });
  expectSame(`structure sector order ${where}`, Object.keys(structure.totals.bySector), Object.keys(bySector).sort());
  // Bodies active on the date, and any other body an active unit is still under (as known then).
  const naiveBodies = naive.bodiesAt(at.asOf);
  const listed = new Set([...naiveBodies.values()].filter((b) => b.active).map((b) => b.id));
  for (const unit of active) listed.add(unit.governingBodyId);
  const expectedBodies = byCode(
    [...listed].map((id) => {
      const body = naiveBodies.get(id);
      return { id, code: body?.code ?? '', name: body?.name ?? '', system: body?.system ?? active.find((u) => u.governingBodyId === id)!.system, units: active.filter((u) => u.governingBodyId === id) };
    }),
  );
  expectSame(`structure bodies ${where}`, structure.bodies, expectedBodies);
  // The route's answer (the in-memory snapshot as known now, SQL as known at an instant): the same bytes.
  const { body } = await queries.structureBody(at, 'now');
  if (body.toString('utf8') !== JSON.stringify(structure)) throw new Error(`structure answer ${where}\n  route: ${body.toString('utf8')}\n  query: ${JSON.stringify(structure)}`);

  const [from, to] = [diffFrom, at.asOf].sort();
  const before = naive.unitsAt(from, at.knownAt);
  const after = byCode([...naive.unitsAt(to, at.knownAt).values()]);
  const within = (date: string | undefined) => date !== undefined && date > from && date <= to;
  const diff = await queries.diff(from, to, at.knownAt);
  expectSame(`diff ${from}..${to} knownAt ${at.knownAt ?? 'now'}`, diff, {
    from,
    to,
    established: after.filter((u) => within(u.establishedOn)),
    ended: after.filter((u) => within(u.endedOn)),
    changed: after.flatMap((unit) => {
      const previous = before.get(unit.unitId);
      return previous?.status === 'ACTIVE' && unit.status === 'ACTIVE' && attributesDiffer(previous, unit) ? [{ unitId: unit.unitId, before: previous, after: unit }] : [];
    }),
  });
}

function attributesDiffer(a: NaiveUnit, b: NaiveUnit): boolean {
  const fields = ['code', 'name', 'system', 'governingBodyId', 'level', 'sector', 'autonomyGroup', 'staffingQuota', 'basicEssentialService'] as const;
  return fields.some((field) => a[field] !== b[field]);
}

/**
 * The reduction report over `from`..`to` as known at `knownAt`: its counts equal the naive
 * replay's, and every bucket (by system and by sector) keeps the balance identity. The identity is
 * checked only for periods after the baseline date: baseline units established inside a period
 * are neither active at its start nor `created` (docs/http-contract.md#effective-time-and-recorded-time), so no identity can hold there.
 */
export async function compareReport(reports: ReportQueries, naive: NaiveRegister, from: string, to: string, knownAt: string | undefined, baselineAsOf: string): Promise<void> {
  const where = `reduction ${from}..${to} knownAt ${knownAt ?? 'now'}`;
  const report = await reports.reduction({ from, to, knownAt });
  // Every breakdown (sectors, years, operations' decisions) equals the in-memory fold over every version and change, whole and by territory.
  expectSame(`${where}: SQL counts against the in-memory fold`, report, await reports.reductionInMemory({ from, to, knownAt }));
  for (const territory of ['OWN', PROVINCE]) {
    expectSame(`${where} territory ${territory}: SQL counts against the in-memory fold`, await reports.reduction({ from, to, knownAt, territory }), await reports.reductionInMemory({ from, to, knownAt, territory }));
  }
  const { activeAtStart, activeAtEnd, created, ended, staffingQuotaAtStart, staffingQuotaAtEnd, bySystem } = report;
  const systems = Object.fromEntries(
    Object.entries(bySystem).map(([system, b]) => [
      system,
      { activeAtStart: b.activeAtStart, activeAtEnd: b.activeAtEnd, created: b.created, ended: b.ended, transferredIn: b.transferredIn, transferredOut: b.transferredOut, joined: b.joined, left: b.left },
    ]),
  );
  const { joined, left } = report;
  expectSame(where, { activeAtStart, activeAtEnd, created, ended, joined, left, staffingQuotaAtStart, staffingQuotaAtEnd, bySystem: systems }, naiveReduction(naive, from, to, knownAt));
  expectSame(`${where}: netReduction`, report.netReduction, activeAtStart - activeAtEnd);
  if (from <= baselineAsOf) return;
  for (const [name, buckets] of [['bySystem', report.bySystem], ['bySector', report.bySector]] as const) {
    for (const [key, b] of Object.entries(buckets)) {
      expectSame(`${where}: balance of ${name}.${key} ${JSON.stringify(b)}`, b.activeAtStart + b.created - b.ended + b.joined - b.left + b.transferredIn - b.transferredOut, b.activeAtEnd);
    }
  }
}
