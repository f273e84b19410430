/*
 * The HTTP edge: what a trivial route costs in the app against bare Fastify answering the same JSON,
 * measured in the same run, each server pinned to one core and the load generator on the other,
 * alternating rounds so that both meet the same neighbours. Also an authenticated trivial route
 * (GET /api/v1/auth/me: bearer verification, guards, interceptors). BENCH_EDGE_PROFILE_DIR profiles
 * the app during its /health rounds and prints the CPU by package.
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

async function startBare(port: number): Promise<{ base: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn('taskset', ['-c', APP_CPU, process.execPath, '-r', '@swc-node/register', join(__dirname, 'http/bare-fastify.ts')], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`bare fastify exited with ${code}`)));
  });
  return { base: `http://127.0.0.1:${port}`, stop: async () => void child.kill('SIGTERM') };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-edge-'));
  const tool = pickLoadTool();
  const app = await startAppProcess(
    {
      NODE_ENV: 'development', LOG_LEVEL: 'warn', EVENT_STORE: 'sqlite', SQLITE_PATH: join(dir, 'events.sqlite'), DATA_DIR: dir,
      READ_MODEL_SQLITE_PATH: join(dir, 'read-models.sqlite'), AUTH_MODE: 'dev', DEV_TOKEN_SECRET: 'bench-dev-token-secret-at-least-32-characters', RATE_LIMIT_ENABLED: 'false',
      ...(PROFILE_DIR ? { BENCH_PROFILE_DIR: PROFILE_DIR } : {}),
    },
    { cpuList: APP_CPU, nodeArgs: PROFILE_DIR ? ['-r', join(__dirname, 'http/profile-window.js')] : [] },
  );
  const bare = await startBare(Number(new URL(app.base).port) + 1);
  const token = ((await (await fetch(`${app.base}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'bench', roles: ['auditor'] }) })).json()) as { accessToken: string }).accessToken;
  const load = (url: string, headers?: Record<string, string>, seconds = DURATION_S): Promise<LoadOutcome> =>
    runLoad(tool, { url, method: 'GET', headers, connections: CONNECTIONS, durationSeconds: seconds, cpuList: LOAD_CPU, runTag: String(Date.now()) });
  const cases = {
    bare: () => load(`${bare.base}/health`),
    health: () => load(`${app.base}/health`),
    me: () => load(`${app.base}/api/v1/auth/me`, { authorization: `Bearer ${token}` }),
  };
  const results: Record<keyof typeof cases, LoadOutcome[]> = { bare: [], health: [], me: [] };
  try {
    await load(`${bare.base}/health`, undefined, 2);
    await load(`${app.base}/health`, undefined, 2);
    await load(`${app.base}/api/v1/auth/me`, { authorization: `Bearer ${token}` }, 2);
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of Object.keys(cases) as (keyof typeof cases)[]) {
        if (PROFILE_DIR && name === 'health') writeFileSync(join(PROFILE_DIR, 'start'), '');
        results[name].push(await cases[name]());
        if (PROFILE_DIR && name === 'health') {
          writeFileSync(join(PROFILE_DIR, 'stop'), '');
          await sleep(1_000);
        }
      }
    }
  } finally {
    await bare.stop();
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const bareRate = median(results.bare.map((r) => r.perSecond));
  const rows = (Object.keys(results) as (keyof typeof cases)[]).map((name) => {
    const rate = median(results[name].map((r) => r.perSecond));
    return {
      server: name === 'bare' ? 'bare Fastify' : 'app',
      request: name === 'me' ? 'GET /api/v1/auth/me (bearer)' : 'GET /health',
      'req/s (median)': Math.round(rate),
      'each round': results[name].map((r) => Math.round(r.perSecond)).join(' / '),
      'p99 ms': median(results[name].map((r) => r.p99Ms)),
      non2xx: results[name].reduce((sum, r) => sum + r.non2xx, 0),
      'x bare': name === 'bare' ? '' : Number((rate / bareRate).toFixed(2)),
      target: name === 'health' ? `>= ${TARGET} x bare` : '',
    };
  });
  const conditions = { date: new Date().toISOString(), node: process.version, cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`, loadavg: loadavg().map((l) => l.toFixed(1)).join(' '), tool: describeTool(tool), connections: CONNECTIONS, secondsPerRound: DURATION_S, rounds: ROUNDS, pinning: `servers on CPU ${APP_CPU}, load on CPU ${LOAD_CPU}` };
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
