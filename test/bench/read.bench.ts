/* Read side: rebuild events/s over a generated log, and p50/p99 of as-of queries over real HTTP. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { type EventStore, PostgresEventStore, SqliteEventStore } from '@reorg/event-store';
import { openReadModelDataSource, type ReadModelDatabaseOptions } from '@reorg/projections';
import { rebuildProjection } from '@reorg/projections/rebuild';
import { governingBodiesProjection } from '@reorg/read-models';
import { GoverningBodiesBulkFold } from '@reorg/read-models/governing-bodies/governing-bodies.bulk-fold';
import { unitsProjection } from '@reorg/read-models/units';
import { UnitsBulkFold } from '@reorg/read-models/units/units.bulk-fold';
import { startAppProcess } from './read/app-process';
import { BACKFILL_SHARE, EVENT_MIX, generateLog } from './read/generate-log';
import { type LoadResult, load } from './read/load';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const HTTP_UNITS = Number(process.env.BENCH_HTTP_UNITS ?? 10_000);
const HTTP_REQUESTS = Number(process.env.BENCH_HTTP_REQUESTS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ADAPTERS = process.env.BENCH_ADAPTERS?.split(',').filter(Boolean) ?? ['sqlite', 'postgres'];
const TARGETS = { sqliteRebuild: 150_000, postgresRebuild: 60_000, unitP99: 10, structureP99: 100 };
/** BENCH_READ_PROFILE_DIR: the API runs with --cpu-prof and writes its profile there on exit. */
const PROFILE_DIR = process.env.BENCH_READ_PROFILE_DIR;
const PROJECTIONS = [
  { projection: governingBodiesProjection, bulkFold: () => new GoverningBodiesBulkFold() },
  { projection: unitsProjection, bulkFold: () => new UnitsBulkFold() },
];

let clockMs = Date.UTC(2018, 0, 1);
/** Recorded times a minute apart per commit, so recorded bounds differ as in real use. */
const clock = () => (clockMs += 60_000);
const seconds = (since: number) => (performance.now() - since) / 1000;

async function rebuildAll(store: EventStore, database: ReadModelDatabaseOptions) {
  await (await openReadModelDataSource(database, PROJECTIONS.map((p) => p.projection))).destroy();
  const rows = [];
  for (const target of PROJECTIONS) {
    const result = await rebuildProjection(target, { store, database });
    rows.push({ projection: result.projection, events: result.events, seconds: Number(result.seconds.toFixed(1)), eventsPerSec: Math.round(result.events / result.seconds) });
  }
  return rows;
}

async function rebuildBench(kind: 'sqlite' | 'postgres', dir: string) {
  let store: EventStore;
  let database: ReadModelDatabaseOptions;
  let dispose: () => Promise<void>;
  if (kind === 'sqlite') {
    store = SqliteEventStore.open({ path: join(dir, 'events.sqlite'), clock });
    database = { kind: 'sqlite', sqlitePath: join(dir, 'read-models.sqlite') };
    dispose = () => store.close();
  } else {
    const schema = `bench_read_${Date.now()}`;
    const pg = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, clock });
    store = pg;
    database = { kind: 'postgres', databaseUrl: DATABASE_URL, schema: `${schema}_rm` };
    dispose = async () => {
      await pg.connectionPool.query(`DROP SCHEMA IF EXISTS "${schema}_rm" CASCADE`);
      await pg.dropSchema();
      await pg.close();
    };
  }
  try {
    const t0 = performance.now();
    const log = await generateLog(store, EVENTS, Math.round(EVENTS / 8));
    const writeSeconds = seconds(t0);
    process.stderr.write(`${kind}: wrote ${log.events} events (${log.units} units) in ${writeSeconds.toFixed(0)} s\n`);
    const rows = await rebuildAll(store, database);
    return rows.map((row) => ({ store: kind, ...row, target: row.projection === 'units.v1' ? (kind === 'sqlite' ? TARGETS.sqliteRebuild : TARGETS.postgresRebuild) : '' }));
  } finally {
    await dispose();
  }
}

const WARMUP = Number(process.env.BENCH_HTTP_WARMUP ?? 200);

/** Bare Fastify in its own process answering the structure and unit routes with the API's own bodies (a free port of 3300–3399). */
async function startBare(bodiesDir: string, attempt = 0): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = 3300 + ((Math.floor(Math.random() * 100) + attempt * 37) % 100);
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'read/bare-body-server.ts')], {
    env: { ...process.env, PORT: String(port), BENCH_BODIES_DIR: bodiesDir },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const listening = await new Promise<boolean>((resolve) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve(true));
    child.once('exit', () => resolve(false));
  });
  if (!listening) {
    if (attempt >= 10) throw new Error('bare fastify found no free port in 3300–3399');
    return startBare(bodiesDir, attempt + 1);
  }
  return { base: `http://127.0.0.1:${port}`, stop: async () => void (child.kill('SIGTERM'), await exited) };
}

/** A distinct effective date per request: days spread over 2014–2024 by a stride prime to the range. */
function dateOf(i: number): string {
  return new Date(Date.UTC(2014, 0, 1) + ((i * 389) % 3_900) * 86_400_000).toISOString().slice(0, 10);
}

async function httpBench(dir: string) {
  const store = SqliteEventStore.open({ path: join(dir, 'http-events.sqlite'), clock });
  const database: ReadModelDatabaseOptions = { kind: 'sqlite', sqlitePath: join(dir, 'http-read-models.sqlite') };
  const log = await generateLog(store, HTTP_UNITS * 5, HTTP_UNITS);
  await rebuildAll(store, database);
  await store.close();
  const app = await startAppProcess(
    {
      NODE_ENV: 'development', LOG_LEVEL: 'silent', EVENT_STORE: 'sqlite',
      SQLITE_PATH: join(dir, 'http-events.sqlite'), READ_MODEL_SQLITE_PATH: database.sqlitePath!, AUTH_MODE: 'dev',
      DEV_TOKEN_SECRET: 'bench-dev-token-secret-at-least-32-characters', RATE_LIMIT_ENABLED: 'false',
    },
    PROFILE_DIR ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] } : {},
  );
  const bodiesDir = join(dir, 'bodies');
  mkdirSync(bodiesDir, { recursive: true });
  let bare: Awaited<ReturnType<typeof startBare>> | undefined;
  try {
    const { base } = app;
    const tokenResponse = await fetch(`${base}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'bench', roles: ['auditor'] }) });
    const { accessToken } = (await tokenResponse.json()) as { accessToken: string };
    const ids = log.unitIds.slice(0, HTTP_UNITS);
    const unitPath = (i: number) => `/api/v1/units/${ids[(i * 7919) % ids.length]}?asOf=2015-01-01`;
    const structurePath = (i: number) => `/api/v1/structure?asOf=${dateOf(i)}`;
    const structureRequests = Math.max(50, Math.round(HTTP_REQUESTS / 20));
    const structureWarmup = Math.max(5, Math.round(WARMUP / 20));
    const bodyOf = async (path: string) => (await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${accessToken}` } })).text();
    writeFileSync(join(bodiesDir, 'structure.json'), await bodyOf(`/api/v1/structure?asOf=${log.lastDay}`));
    writeFileSync(join(bodiesDir, 'unit.json'), await bodyOf(unitPath(0)));
    bare = await startBare(bodiesDir);
    const bareBase = bare.base;
    // Each route against the API, then against bare Fastify right after, so both see the same neighbours.
    await load(base, WARMUP, CONCURRENCY, (i) => unitPath(i + HTTP_REQUESTS), accessToken);
    const unit = await load(base, HTTP_REQUESTS, CONCURRENCY, unitPath, accessToken);
    await load(bareBase, WARMUP, CONCURRENCY, (i) => unitPath(i + HTTP_REQUESTS), accessToken);
    const bareUnit = await load(bareBase, HTTP_REQUESTS, CONCURRENCY, unitPath, accessToken);
    await load(base, structureWarmup, CONCURRENCY, (i) => structurePath(i + structureRequests), accessToken);
    const structure = await load(base, structureRequests, CONCURRENCY, structurePath, accessToken);
    await load(bareBase, structureWarmup, CONCURRENCY, (i) => structurePath(i + structureRequests), accessToken);
    const bareStructure = await load(bareBase, structureRequests, CONCURRENCY, structurePath, accessToken);
    const row = (query: string, result: LoadResult, raw: LoadResult, target: number) => ({
      query, ...result, targetP99: target, goal: `p99 ≤ ${target} ms`,
      baseline: 'bare Fastify, same body', baselineP50: raw.p50, baselineP99: raw.p99, baselineRps: raw.rps,
      xBaselineP99: Number((result.p99 / Math.max(1, raw.p99)).toFixed(2)),
    });
    return [
      row('GET /api/v1/units/{id}?asOf=', unit, bareUnit, TARGETS.unitP99),
      row('GET /api/v1/structure?asOf=', structure, bareStructure, TARGETS.structureP99),
    ];
  } finally {
    await bare?.stop();
    await app.stop();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-read-'));
  try {
    const loadAverageAtStart = loadavg().map((n) => n.toFixed(2)).join(' ');
    const rebuild = [];
    for (const kind of ADAPTERS) rebuild.push(...(await rebuildBench(kind as 'sqlite' | 'postgres', dir)));
    const http = process.env.BENCH_SKIP_HTTP ? [] : await httpBench(dir);
    const conditions = {
      date: new Date().toISOString(),
      loadAverageAtStart,
      loadAverageAtEnd: loadavg().map((n) => n.toFixed(2)).join(' '),
      node: process.version,
      cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      events: EVENTS,
      mix: `100 bodies; baseline ${Math.round(EVENTS / 8)} UnitRegistered; then decisions: ${Object.entries(EVENT_MIX).map(([k, v]) => `${k} ${v * 100}%`).join(', ')} (a consolidation = 1 UnitEstablished + 2 UnitMerged); ${BACKFILL_SHARE * 100}% of attribute changes back-filled (effective before the unit's latest change)`,
      rebuild: 'bulk folds (in-memory, incremental per unit); shadow tables loaded without secondary indexes (SQLite: one prepared INSERT per row; PostgreSQL: INSERT … SELECT FROM unnest, 20k rows per statement), indexes built at the swap; 10k events per read, 100k per transaction',
      readModels: 'SQLite: WAL, synchronous=FULL; PostgreSQL: same server as the store',
      http: `${HTTP_UNITS} units (${HTTP_UNITS * 5} events); the API in a child process (node -r @swc-node/register apps/api/src/main.ts, SQLite, logging silent); autocannon in the bench process, ${CONCURRENCY} keep-alive connections over loopback; ${WARMUP} unit and ${Math.max(5, Math.round(WARMUP / 20))} structure warm-up requests not counted; ${HTTP_REQUESTS} unit requests, structure requests = requests/20, each on its own effective date (no If-None-Match, no Accept-Encoding); raw baseline: bare Fastify in its own process answering the same paths with the API's own bodies (the structure as of the log's last day), run right after the API on each route; latencies in whole ms (HDR histogram)`,
    };
    console.log('Conditions:');
    for (const [k, v] of Object.entries(conditions)) console.log(`  ${k}: ${v}`);
    console.table(rebuild);
    if (http.length) {
      console.table(http.map((r) => ({ query: r.query, 'p50 ms': r.p50, 'p99 ms': r.p99, goal: r.goal, met: r.p99 <= r.targetP99 ? 'met' : 'NOT met', 'bare p50 ms': r.baselineP50, 'bare p99 ms': r.baselineP99, '× bare p99': r.xBaselineP99, 'req/s': r.rps, 'bytes': r.bytes })));
    }
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/read.json', JSON.stringify({ conditions, rebuild, http }, null, 2));
    console.log('written bench-results/read.json');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
