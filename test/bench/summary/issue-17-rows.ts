/*
 * The table of issue 17 from the benches' JSON files: one row per measure with its goal, the raw
 * baseline measured in the same run, the ratio and the verdict. Pure (JSON in, rows out) and
 * tolerant: a missing file, a missing or renamed field reads "not measured", never a crash, so
 * benches can add fields freely.
 */

export type Json = Record<string, unknown>;

/** The parsed bench-results files by bench name; absent when the bench did not run or wrote nothing. */
export interface BenchResults {
  unitsRebuild?: Json;
  read?: Json;
  httpEdge?: Json;
  http?: Json;
  store?: Json;
  relay?: Json;
  national?: Json;
}

export interface IssueRow {
  measure: string;
  value: string;
  baseline: string;
  ratio: string;
  goal: string;
  verdict: 'met' | 'NOT met' | 'not measured' | 'measured';
}

export const NOT_MEASURED = 'not measured';

/** The goals of issue 17's table. */
export const GOALS = {
  rebuild: { sqlite: 150_000, postgres: 60_000 },
  structureP99Ms: 100,
  unitP99Ms: 10,
  edgeRatio: 0.5,
  commands: { sqlitePerSec: 5_000, sqliteP99Ms: 50, sqliteRatio: 0.5, postgresPerSec: 3_000 },
  storeRatio: 0.9,
  relay: { eventsPerSec: 50_000, ratio: 0.5 },
} as const;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const arrayOf = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** A finite number from a number or a numeric string ("1 234", "45%" not included), else undefined. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value.replaceAll(/[\s,]/g, ''));
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** The first of `keys` present as a number in `row`. */
function field(row: Json | undefined, ...keys: string[]): number | undefined {
  if (!row) return undefined;
  for (const key of keys) {
    const value = numberOf(row[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The first key of `row` starting with `prefix`, as a number (for keys that carry a unit or a target). */
function fieldStartingWith(row: Json | undefined, prefix: string): number | undefined {
  if (!row) return undefined;
  const key = Object.keys(row).find((k) => k.startsWith(prefix));
  return key === undefined ? undefined : numberOf(row[key]);
}

const grouped = (n: number) => Math.round(n).toLocaleString('en-US');
const fixed = (n: number | undefined, digits = 2) => (n === undefined ? '' : n.toFixed(digits));
const perSec = (n: number | undefined, unit: string) => (n === undefined ? NOT_MEASURED : `${grouped(n)} ${unit}`);
const ms = (n: number | undefined) => (n === undefined ? '?' : `${Number(n.toFixed(1))} ms`);

function verdict(checks: (boolean | undefined)[]): IssueRow['verdict'] {
  if (checks.length === 0 || checks.some((check) => check === undefined)) return NOT_MEASURED;
  return checks.every(Boolean) ? 'met' : 'NOT met';
}

const storeName = (kind: string) => (kind === 'postgres' ? 'PostgreSQL' : 'SQLite');

function rebuildRows(results: BenchResults): IssueRow[] {
  return (['sqlite', 'postgres'] as const).map((kind) => {
    const focused = arrayOf(results.unitsRebuild?.rows).find((row) => row.store === kind);
    const fromRead = arrayOf(results.read?.rebuild).find((row) => row.store === kind && row.projection === 'units.v1');
    const rate = field(focused, 'rebuild ev/s') ?? field(fromRead, 'eventsPerSec');
    const ceiling = field(focused, 'read-only ev/s (ceiling)');
    const ratio = field(focused, 'x ceiling') ?? (rate !== undefined && ceiling ? rate / ceiling : undefined);
    const events = field(focused, 'events') ?? field(results.unitsRebuild?.conditions as Json | undefined, 'events');
    const goal = GOALS.rebuild[kind];
    return {
      measure: `units.v1 rebuild, ${storeName(kind)}${events ? ` (${grouped(events)} events)` : ''}`,
      value: perSec(rate, 'ev/s'),
      baseline: ceiling === undefined ? NOT_MEASURED : `${grouped(ceiling)} ev/s reading the log alone`,
      ratio: ratio === undefined ? '' : `${fixed(ratio)} × read ceiling`,
      goal: `≥ ${grouped(goal)} ev/s at 1M events`,
      verdict: verdict([rate === undefined ? undefined : rate >= goal]),
    };
  });
}

function readQueryRows(results: BenchResults): IssueRow[] {
  const http = arrayOf(results.read?.http);
  const row = (measure: string, prefix: string, goal: number): IssueRow => {
    const found = http.find((r) => String(r.query ?? '').startsWith(prefix));
    const p99 = field(found, 'p99', 'p99 ms');
    const p50 = field(found, 'p50', 'p50 ms');
    const baseline = field(found, 'baselineP99', 'baseline p99 ms');
    return {
      measure,
      value: p99 === undefined ? NOT_MEASURED : `p50 ${ms(p50)}, p99 ${ms(p99)}`,
      baseline: baseline === undefined ? '' : `p99 ${ms(baseline)}`,
      ratio: baseline && p99 !== undefined ? `${fixed(p99 / baseline)} × baseline p99` : '',
      goal: `p99 ≤ ${goal} ms`,
      verdict: verdict([p99 === undefined ? undefined : p99 <= goal]),
    };
  };
  return [
    row('whole structure as of a date, 10k units, over HTTP', 'GET /api/v1/structure', GOALS.structureP99Ms),
    row('unit as of a date, over HTTP', 'GET /api/v1/units/', GOALS.unitP99Ms),
  ];
}

function edgeRow(results: BenchResults): IssueRow {
  const rows = arrayOf(results.httpEdge?.rows);
  const bare = rows.find((r) => String(r.server ?? '').startsWith('bare'));
  const app = rows.find((r) => String(r.server ?? '') !== '' && !String(r.server).startsWith('bare') && String(r.request ?? '').includes('/health'));
  const appRate = fieldStartingWith(app, 'req/s');
  const bareRate = fieldStartingWith(bare, 'req/s');
  const ratio = field(app, 'x bare') ?? (appRate !== undefined && bareRate ? appRate / bareRate : undefined);
  return {
    measure: 'the HTTP edge: GET /health against bare Fastify, same run',
    value: perSec(appRate, 'req/s'),
    baseline: bareRate === undefined ? NOT_MEASURED : `${grouped(bareRate)} req/s bare Fastify`,
    ratio: ratio === undefined ? '' : `${fixed(ratio)} × bare`,
    goal: `≥ ${GOALS.edgeRatio} × bare`,
    verdict: verdict([ratio === undefined ? undefined : ratio >= GOALS.edgeRatio]),
  };
}

function commandRows(results: BenchResults): IssueRow[] {
  const summary = arrayOf(results.http?.summary);
  return (['sqlite', 'postgres'] as const).map((kind) => {
    const ofStore = summary.filter((r) => r.store === kind);
    const command = ofStore.find((r) => String(r.request ?? '').startsWith('POST') && !String(r.request).includes('Idempotency')) ?? ofStore.find((r) => String(r.request ?? '').startsWith('POST'));
    const health = ofStore.find((r) => String(r.request ?? '').includes('/health'));
    const rate = field(command, 'req/s');
    const p99 = field(command, 'p99 ms');
    const healthRate = field(health, 'req/s');
    const ratio = field(command, 'ratio to /health') ?? (rate !== undefined && healthRate ? rate / healthRate : undefined);
    const goals = GOALS.commands;
    const checks =
      kind === 'sqlite'
        ? [rate === undefined ? undefined : rate >= goals.sqlitePerSec, p99 === undefined ? undefined : p99 < goals.sqliteP99Ms, ratio === undefined ? undefined : ratio >= goals.sqliteRatio]
        : [rate === undefined ? undefined : rate >= goals.postgresPerSec];
    return {
      measure: `durable commands over HTTP, ${storeName(kind)}`,
      value: rate === undefined ? NOT_MEASURED : `${grouped(rate)}/s, p99 ${ms(p99)}`,
      baseline: healthRate === undefined ? NOT_MEASURED : `${grouped(healthRate)} req/s its own /health`,
      ratio: ratio === undefined ? '' : `${fixed(ratio)} × /health`,
      goal: kind === 'sqlite' ? `≥ ${grouped(goals.sqlitePerSec)}/s, p99 < ${goals.sqliteP99Ms} ms, ≥ ${goals.sqliteRatio} × /health` : `≥ ${grouped(goals.postgresPerSec)}/s`,
      verdict: verdict(checks),
    };
  });
}

function storeRow(results: BenchResults): IssueRow {
  const rows = arrayOf(results.store?.results).filter((r) => r.adapter === 'sqlite');
  const store = rows.find((r) => r['x raw'] !== undefined);
  const raw = rows.find((r) => String(r.scenario ?? '').startsWith('raw'));
  const rate = field(store, 'commandsPerSec');
  const rawRate = field(raw, 'commandsPerSec');
  const ratio = field(store, 'x raw') ?? (rate !== undefined && rawRate ? rate / rawRate : undefined);
  return {
    measure: 'embedded store, single-event appends from 50 writers (SQLite)',
    value: rate === undefined ? NOT_MEASURED : `${grouped(rate)} appends/s, p99 ${ms(field(store, 'p99'))}`,
    baseline: rawRate === undefined ? NOT_MEASURED : `${grouped(rawRate)} appends/s raw better-sqlite3 group commit`,
    ratio: ratio === undefined ? '' : `${fixed(ratio)} × raw`,
    goal: `≥ ${GOALS.storeRatio} × raw`,
    verdict: verdict([ratio === undefined ? undefined : ratio >= GOALS.storeRatio]),
  };
}

function relayRows(results: BenchResults): IssueRow[] {
  const summary = arrayOf(results.relay?.summary);
  const ceilingOfFile = field(isObject(results.relay?.ceiling) ? results.relay.ceiling : undefined, 'recordsPerSec');
  const rows = summary.length > 0 ? summary : [{ store: '' }];
  return rows.map((r) => {
    const drain = fieldStartingWith(r, 'relay drain ev/s');
    const ceiling = field(r, 'broker ceiling rec/s') ?? ceilingOfFile;
    const ratio = drain !== undefined && ceiling ? drain / ceiling : undefined;
    return {
      measure: `Kafka relay drain${r.store ? `, ${storeName(String(r.store))}` : ''}`,
      value: perSec(drain, 'ev/s'),
      baseline: ceiling === undefined ? NOT_MEASURED : `${grouped(ceiling)} rec/s the broker's own producer`,
      ratio: ratio === undefined ? '' : `${fixed(ratio)} × broker ceiling`,
      goal: `≥ ${grouped(GOALS.relay.eventsPerSec)} ev/s, ≥ ${GOALS.relay.ratio} × ceiling`,
      verdict: verdict([drain === undefined ? undefined : drain >= GOALS.relay.eventsPerSec, ratio === undefined ? undefined : ratio >= GOALS.relay.ratio]),
    };
  });
}

function describeBaselines(value: unknown): string {
  if (!isObject(value)) return numberOf(value) === undefined ? '' : String(value);
  return Object.entries(value)
    .map(([key, v]) => `${key} ${isObject(v) ? JSON.stringify(v) : numberOf(v) !== undefined ? grouped(numberOf(v)!) : String(v)}`)
    .join(', ');
}

/** bench:national has no goals of its own in issue 17: its figures are reported as measured. */
function nationalRows(national: Json): IssueRow[] {
  const scale = [field(national, 'events') && `${grouped(field(national, 'events')!)} events`, field(national, 'units') && `${grouped(field(national, 'units')!)} units`].filter(Boolean).join(', ');
  const load = numberOf(national.loadAverage) ?? (Array.isArray(national.loadAverage) ? national.loadAverage.join(' ') : national.loadAverage);
  const baseline = [describeBaselines(national.baselines), load === undefined ? '' : `load average ${String(load)}`].filter(Boolean).join('; ');
  const rate = (measure: string, key: string): IssueRow => {
    const value = field(national, key);
    return { measure: `national${scale ? ` (${scale})` : ''}: ${measure}`, value: perSec(value, 'ev/s'), baseline, ratio: '', goal: 'measured', verdict: value === undefined ? NOT_MEASURED : 'measured' };
  };
  const latency = (measure: string, key: string): IssueRow => {
    const of = isObject(national[key]) ? (national[key] as Json) : undefined;
    const p50 = field(of, 'p50');
    const p99 = field(of, 'p99');
    return { measure: `national: ${measure}`, value: p99 === undefined ? NOT_MEASURED : `p50 ${ms(p50)}, p99 ${ms(p99)}`, baseline, ratio: '', goal: 'measured', verdict: p99 === undefined ? NOT_MEASURED : 'measured' };
  };
  return [
    rate('load into PostgreSQL', 'loadEventsPerSec'),
    rate('rebuild', 'rebuildEventsPerSec'),
    latency('whole-country reduction report', 'report'),
    latency("one province's structure as of a date", 'provinceStructure'),
    latency("one unit's history", 'unitHistory'),
  ];
}

/** Every row of issue 17's table, in its order, then bench:national's when its results exist. */
export function issue17Rows(results: BenchResults): IssueRow[] {
  return [
    ...rebuildRows(results),
    ...readQueryRows(results),
    edgeRow(results),
    ...commandRows(results),
    storeRow(results),
    ...relayRows(results),
    ...(results.national ? nationalRows(results.national) : []),
  ];
}
