/*
 * The HTTP edge: what a trivial route costs in the app against bare Fastify answering the same JSON,
 * measured in the same run, each server pinned to one core and the load generator on the other,
 * alternating rounds so that both meet the same neighbours. Also an authenticated trivial route
 * (GET /api/v1/auth/me: bearer verification, guards, interceptors). BENCH_EDGE_PROFILE_DIR profiles
 * the app during its /health rounds and prints the CPU by package. BENCH_EDGE_BEFORE_ROOT (a checkout
 * of the code before a change, e.g. `git archive main | tar -x -C DIR` with node_modules linked) runs
 * that app beside this one in the same alternating rounds, so a before/after pair meets the same
 * neighbours. BENCH_PORT_BASE: the app listens there, bare Fastify on +1, the "before" app on +2.
 * Besides req/s, each server's CPU time per request (user + system from /proc, over the round): when
 * the load generator rather than the server is the bound (a starved core), req/s of every server
 * converge, while CPU per request still says what a request costs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { byPackage } from './http/cpu-profile-summary';
import { type LoadOutcome, describeTool, pickLoadTool, runLoad } from './http/load-generator';
import { startAppProcess } from './read/app-process';

const DURATION_S = Number(process.env.BENCH_HTTP_DURATION_S ?? 8);
const ROUNDS = Number(process.env.BENCH_EDGE_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 64);
const APP_CPU = process.env.BENCH_APP_CPU ?? '0';
const LOAD_CPU = process.env.BENCH_LOAD_CPU ?? '1';
const PROFILE_DIR = process.env.BENCH_EDGE_PROFILE_DIR;
const TARGET = 0.5;
const BEFORE_ROOT = process.env.BENCH_EDGE_BEFORE_ROOT;
const PORT_BASE = process.env.BENCH_PORT_BASE ? Number(process.env.BENCH_PORT_BASE) : undefined;

/** User + system CPU ms of a process so far (Linux /proc), or NaN where unavailable. */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

async function startBare(port: number): Promise<{ base: string; pid: number | undefined; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn('taskset', ['-c', APP_CPU, process.execPath, '-r', '@swc-node/register', join(__dirname, 'http/bare-fastify.ts')], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`bare fastify exited with ${code}`)));
  });
  return { base: `http://127.0.0.1:${port}`, pid: child.pid, stop: async () => void child.kill('SIGTERM') };
}

type CaseName = 'bare' | 'health' | 'me' | 'healthBefore' | 'meBefore';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-edge-'));
  const tool = pickLoadTool();
  const appEnv = (name: string) => {
    mkdirSync(join(dir, name), { recursive: true });
    return {
      NODE_ENV: 'development', LOG_LEVEL: 'warn', EVENT_STORE: 'sqlite', SQLITE_PATH: join(dir, name, 'events.sqlite'), DATA_DIR: join(dir, name),
      READ_MODEL_SQLITE_PATH: join(dir, name, 'read-models.sqlite'), AUTH_MODE: 'dev', DEV_TOKEN_SECRET: 'bench-dev-token-secret-at-least-32-characters', RATE_LIMIT_ENABLED: 'false',
    };
  };
  const app = await startAppProcess(
    { ...appEnv('app'), ...(PROFILE_DIR ? { BENCH_PROFILE_DIR: PROFILE_DIR } : {}) },
    { cpuList: APP_CPU, nodeArgs: PROFILE_DIR ? ['-r', join(__dirname, 'http/profile-window.js')] : [], port: PORT_BASE },
  );
  const bare = await startBare(Number(new URL(app.base).port) + 1);
  const before = BEFORE_ROOT ? await startAppProcess(appEnv('before'), { cpuList: APP_CPU, root: BEFORE_ROOT, port: PORT_BASE === undefined ? undefined : PORT_BASE + 2 }) : undefined;
  const tokenOf = async (base: string) =>
    ((await (await fetch(`${base}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'bench', roles: ['auditor'] }) })).json()) as { accessToken: string }).accessToken;
  const token = await tokenOf(app.base);
  const load = (url: string, headers?: Record<string, string>, seconds = DURATION_S): Promise<LoadOutcome> =>
    runLoad(tool, { url, method: 'GET', headers, connections: CONNECTIONS, durationSeconds: seconds, cpuList: LOAD_CPU, runTag: String(Date.now()) });
  const pids: Partial<Record<CaseName, number | undefined>> = { bare: bare.pid, health: app.pid, me: app.pid, healthBefore: before?.pid, meBefore: before?.pid };
  const cases: Partial<Record<CaseName, (seconds?: number) => Promise<LoadOutcome>>> = {
    bare: (seconds) => load(`${bare.base}/health`, undefined, seconds),
    health: (seconds) => load(`${app.base}/health`, undefined, seconds),
    me: (seconds) => load(`${app.base}/api/v1/auth/me`, { authorization: `Bearer ${token}` }, seconds),
  };
  if (before) {
    const beforeToken = await tokenOf(before.base);
    cases.healthBefore = (seconds) => load(`${before.base}/health`, undefined, seconds);
    cases.meBefore = (seconds) => load(`${before.base}/api/v1/auth/me`, { authorization: `Bearer ${beforeToken}` }, seconds);
  }
  const names = Object.keys(cases) as CaseName[];
  const results: Partial<Record<CaseName, LoadOutcome[]>> = Object.fromEntries(names.map((name) => [name, []]));
  const cpuPerRequest: Partial<Record<CaseName, number[]>> = Object.fromEntries(names.map((name) => [name, []]));
  try {
    for (const name of names) await cases[name]!(2);
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of names) {
        if (PROFILE_DIR && name === 'health') writeFileSync(join(PROFILE_DIR, 'start'), '');
        const cpuBefore = cpuMsOf(pids[name]);
        const outcome = await cases[name]!();
        results[name]!.push(outcome);
        cpuPerRequest[name]!.push(((cpuMsOf(pids[name]) - cpuBefore) * 1000) / Math.max(1, outcome.requests));
        if (PROFILE_DIR && name === 'health') {
          writeFileSync(join(PROFILE_DIR, 'stop'), '');
          await sleep(1_000);
        }
      }
    }
  } finally {
    await bare.stop();
    await app.stop();
    await before?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const bareRate = median(results.bare!.map((r) => r.perSecond));
  const rows = names.map((name) => {
    const outcomes = results[name]!;
    const rate = median(outcomes.map((r) => r.perSecond));
    return {
      server: name === 'bare' ? 'bare Fastify' : name.endsWith('Before') ? 'app (before)' : 'app',
      request: name.startsWith('me') ? 'GET /api/v1/auth/me (bearer)' : 'GET /health',
      'req/s (median)': Math.round(rate),
      'each round': outcomes.map((r) => Math.round(r.perSecond)).join(' / '),
      'p99 ms': median(outcomes.map((r) => r.p99Ms)),
      non2xx: outcomes.reduce((sum, r) => sum + r.non2xx, 0),
      'x bare': name === 'bare' ? '' : Number((rate / bareRate).toFixed(2)),
      'CPU µs/req (median)': Math.round(median(cpuPerRequest[name]!)),
      'CPU x bare': name === 'bare' ? '' : Number((median(cpuPerRequest[name]!) / median(cpuPerRequest.bare!)).toFixed(2)),
      target: name === 'health' ? `>= ${TARGET} x bare` : '',
    };
  });
  const conditions = { date: new Date().toISOString(), node: process.version, cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`, loadavg: loadavg().map((l) => l.toFixed(1)).join(' '), tool: describeTool(tool), connections: CONNECTIONS, secondsPerRound: DURATION_S, rounds: ROUNDS, pinning: `servers on CPU ${APP_CPU}, load on CPU ${LOAD_CPU}`, ...(BEFORE_ROOT ? { before: `the app of ${BEFORE_ROOT} in the same rounds` } : {}) };
  console.log(conditions);
  console.table(rows);
  if (PROFILE_DIR) console.table(byPackage(JSON.parse(readFileSync(join(PROFILE_DIR, 'app.cpuprofile'), 'utf8'))).slice(0, 15));
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/http-edge.json', JSON.stringify({ conditions, rows }, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
