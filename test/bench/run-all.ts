/* npm run bench: every benchmark in turn, then one table of figures against their targets (bench-results/summary.json). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { type BenchResults, type IssueRow, issue17Rows } from './summary/issue-17-rows';

interface Step {
  name: string;
  script: string;
  env: Record<string, string>;
  result: string;
}

const NATIONAL_RESULT = 'bench-results/national.json';

/** Defaults keep the whole run within about half an hour on 2 cores; each can be raised through its own variable. */
const STEPS: Step[] = [
  { name: 'store', script: 'bench:store', env: {}, result: 'bench-results/store.json' },
  { name: 'read', script: 'bench:read', env: { BENCH_EVENTS: process.env.BENCH_EVENTS ?? '200000' }, result: 'bench-results/read.json' },
  { name: 'relay', script: 'bench:relay', env: {}, result: 'bench-results/relay.json' },
  { name: 'http', script: 'bench:http', env: {}, result: 'bench-results/http.json' },
  // Small defaults: 200k events (the fold's cost per event does not grow with the log); BENCH_UNITS_EVENTS=1000000 for the goal's size.
  {
    name: 'units-rebuild',
    script: 'bench:units-rebuild',
    env: { BENCH_EVENTS: process.env.BENCH_UNITS_EVENTS ?? '200000', ...(process.env.BENCH_UNITS_LOG_DIR ? { BENCH_UNITS_LOG_DIR: process.env.BENCH_UNITS_LOG_DIR } : {}) },
    result: 'bench-results/units-rebuild.json',
  },
  { name: 'http-edge', script: 'bench:http-edge', env: { BENCH_EDGE_ROUNDS: process.env.BENCH_EDGE_ROUNDS ?? '2', BENCH_HTTP_DURATION_S: process.env.BENCH_EDGE_DURATION_S ?? '8' }, result: 'bench-results/http-edge.json' },
  {
    name: 'growth',
    script: 'bench:growth',
    env: { BENCH_GROWTH_EVENTS: process.env.BENCH_GROWTH_EVENTS ?? '2000000', BENCH_GROWTH_ADAPTERS: process.env.BENCH_GROWTH_ADAPTERS ?? 'sqlite,postgres' },
    result: 'bench-results/growth.json',
  },
  // The national register (about 2M events into PostgreSQL) is long: only with BENCH_NATIONAL=1; its last results are printed whenever they exist.
  ...(process.env.BENCH_NATIONAL === '1' ? [{ name: 'national', script: 'bench:national', env: {}, result: NATIONAL_RESULT }] : []),
];

interface Row {
  bench: string;
  figure: string;
  value: string | number;
  target: string;
  met: string;
}

type Json = Record<string, unknown>;
const read = (file: string): Json => JSON.parse(readFileSync(file, 'utf8')) as Json;
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

function storeRows(data: Json): Row[] {
  return (data.results as Json[]).map((r) => ({
    bench: 'store',
    figure: `${r.adapter} ${r.scenario}`,
    value: r.scenario === 'read all' ? `${r.eventsPerSec} ev/s` : `${r.commandsPerSec} cmd/s (${r.eventsPerSec} ev/s), p99 ${r.p99} ms${r['x raw'] !== undefined ? `, ${r['x raw']} × raw` : ''}`,
    // The embedded store against raw better-sqlite3 group commit measured beside it (issue 17).
    target: r.adapter === 'sqlite' && r['x raw'] !== undefined ? '≥ 0.9 × raw' : '',
    met: r.adapter === 'sqlite' && r['x raw'] !== undefined ? met(Number(r['x raw']) >= 0.9) : '',
  }));
}

function readRows(data: Json): Row[] {
  const rebuild = (data.rebuild as Json[]).map((r) => ({
    bench: 'read',
    figure: `${r.store} rebuild ${r.projection}`,
    value: `${r.eventsPerSec} ev/s`,
    target: r.target ? `≥ ${r.target} ev/s` : '',
    met: r.target ? met(Number(r.eventsPerSec) >= Number(r.target)) : '',
  }));
  const http = ((data.http as Json[] | undefined) ?? []).map((r) => ({
    bench: 'read',
    figure: `sqlite ${r.query}`,
    value: `p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.rps} req/s`,
    target: `p99 < ${r.targetP99} ms`,
    met: met(Number(r.p99) < Number(r.targetP99)),
  }));
  return [...rebuild, ...http];
}

function relayRows(data: Json): Row[] {
  const targets = data.targets as { eventsPerSec: number; lagP99Ms: number; ceilingRatio?: number };
  return (data.summary as Json[]).flatMap((r) => {
    const drain = Object.entries(r).find(([k]) => k.startsWith('relay drain ev/s'))?.[1];
    return [
      { bench: 'relay', figure: `${r.store} relay drain`, value: `${drain} ev/s`, target: `≥ ${targets.eventsPerSec} ev/s`, met: met(Number(drain) >= targets.eventsPerSec) },
      ...(r['relay × ceiling'] === undefined || targets.ceilingRatio === undefined
        ? []
        : [{ bench: 'relay', figure: `${r.store} relay drain × broker's producer ceiling (same run)`, value: `${r['relay × ceiling']} × (kafkajs alone ${r['kafkajs / ceiling']})`, target: `≥ ${targets.ceilingRatio} ×`, met: met(Number(r['relay × ceiling']) >= targets.ceilingRatio) }]),
      { bench: 'relay', figure: `${r.store} publish lag at ${r['steady ev/s appended']} ev/s`, value: `p99 ${r['lag p99 ms']} ms`, target: `p99 < ${targets.lagP99Ms} ms`, met: met(r['lag p99 ms'] !== null && Number(r['lag p99 ms']) < targets.lagP99Ms) },
    ];
  });
}

function httpRows(data: Json): Row[] {
  return (data.summary as Json[]).map((r) => ({
    bench: 'http',
    figure: `${r.store} ${r.request}`,
    value: `${r['req/s']} req/s, p50 ${r['p50 ms']} ms, p99 ${r['p99 ms']} ms${r['ratio to /health'] === '' ? '' : `, ${r['ratio to /health']} × /health`}`,
    target: String(r.target),
    met: String(r.met),
  }));
}

function growthRows(data: Json): Row[] {
  const results = data.results as Record<string, { verdict: { at: number[]; comparedWith: number[]; ratios: Record<string, number>; flat: boolean } }>;
  return Object.entries(results).map(([adapter, { verdict }]) => ({
    bench: 'growth',
    figure: `${adapter} append p99 and memory, ${verdict.comparedWith[0]}… → …${verdict.at.at(-1)} events`,
    value: Object.entries(verdict.ratios).map(([k, v]) => `${k} × ${v}`).join(', '),
    target: 'flat (last 3 samples ≤ 1.5 × first 3)',
    met: verdict.flat ? 'met' : 'NOT met',
  }));
}

const ROWS: Record<string, (data: Json) => Row[]> = { store: storeRows, read: readRows, relay: relayRows, http: httpRows, growth: growthRows };

/** bench-results file names by the key issue17Rows reads them under. */
const ISSUE_17_FILES: Record<keyof BenchResults, string> = {
  unitsRebuild: 'bench-results/units-rebuild.json',
  read: 'bench-results/read.json',
  httpEdge: 'bench-results/http-edge.json',
  http: 'bench-results/http.json',
  store: 'bench-results/store.json',
  relay: 'bench-results/relay.json',
  national: NATIONAL_RESULT,
};

/**
 * The results issue 17's table is read from: this run's files; a file this run did not write
 * (its step skipped by BENCH_ONLY or failed) only for bench:national, which is not run by default,
 * so its last results are shown with their date.
 */
function issue17Results(started: number): { results: BenchResults; notes: string[] } {
  const results: BenchResults = {};
  const notes: string[] = [];
  for (const [key, file] of Object.entries(ISSUE_17_FILES) as [keyof BenchResults, string][]) {
    if (!existsSync(file)) continue;
    const fresh = statSync(file).mtimeMs >= started;
    if (!fresh && key !== 'national') continue;
    try {
      results[key] = read(file);
      if (!fresh) notes.push(`${file} is from an earlier run (${new Date(statSync(file).mtimeMs).toISOString()})`);
    } catch (error) {
      notes.push(`${file} unreadable: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { results, notes };
}

function printIssue17(rows: IssueRow[], notes: string[]): void {
  console.log('\n===== issue 17: each figure beside its goal and the raw baseline measured in the same run');
  console.table(rows);
  for (const note of notes) console.log(`note: ${note}`);
}

function main(): void {
  const only = process.env.BENCH_ONLY?.split(',');
  const steps = STEPS.filter((step) => !only || only.includes(step.name));
  const started = Date.now();
  const runs: { name: string; exitCode: number | null; seconds: number; env: Record<string, string> }[] = [];
  const rows: Row[] = [];
  const sources: Record<string, unknown> = {};
  for (const step of steps) {
    process.stdout.write(`\n===== npm run ${step.script} ${Object.entries(step.env).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
    const t0 = Date.now();
    const run = spawnSync('npm', ['run', '-s', step.script], { stdio: 'inherit', env: { ...process.env, ...step.env } });
    runs.push({ name: step.name, exitCode: run.status, seconds: Math.round((Date.now() - t0) / 1000), env: step.env });
    // Read at once: another run of the same bench (the machine is shared) may overwrite the file later.
    if (!existsSync(step.result) || statSync(step.result).mtimeMs < t0) {
      rows.push({ bench: step.name, figure: `npm run ${step.script}`, value: `failed (exit ${run.status}); no fresh ${step.result}`, target: '', met: 'NOT met' });
      continue;
    }
    try {
      const data = read(step.result);
      sources[step.name] = { file: step.result, conditions: data.conditions };
      rows.push(...(ROWS[step.name]?.(data) ?? []));
    } catch (error) {
      rows.push({ bench: step.name, figure: step.result, value: `unreadable: ${error instanceof Error ? error.message : String(error)}`, target: '', met: 'NOT met' });
    }
  }
  const issue17 = issue17Results(started);
  const issueRows = issue17Rows(issue17.results);
  const summary = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}; load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    minutes: Math.round((Date.now() - started) / 6_000) / 10,
    runs,
    rows,
    issue17: issueRows,
    sources,
  };
  console.log(`\n===== summary (${summary.minutes} min; conditions of each figure in its bench-results file)`);
  console.table(rows);
  printIssue17(issueRows, issue17.notes);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/summary.json', JSON.stringify(summary, null, 2));
  console.log('written bench-results/summary.json');
  if (runs.some((r) => r.exitCode !== 0)) process.exitCode = 1;
}

main();
