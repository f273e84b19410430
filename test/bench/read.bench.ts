/* Read side: rebuild events/s over a generated log, and p50/p99 of as-of queries over real HTTP. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
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
import { load } from './read/load';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const HTTP_UNITS = Number(process.env.BENCH_HTTP_UNITS ?? 10_000);
const HTTP_REQUESTS = Number(process.env.BENCH_HTTP_REQUESTS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ADAPTERS = process.env.BENCH_ADAPTERS?.split(',').filter(Boolean) ?? ['sqlite', 'postgres'];
const TARGETS = { sqliteRebuild: 150_000, postgresRebuild: 60_000, unitP99: 15, structureP99: 100 };
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

async function httpBench(dir: string) {
  const store = SqliteEventStore.open({ path: join(dir, 'http-events.sqlite'), clock });
  const database: ReadModelDatabaseOptions = { kind: 'sqlite', sqlitePath: join(dir, 'http-read-models.sqlite') };
  const log = await generateLog(store, HTTP_UNITS * 5, HTTP_UNITS);
  await rebuildAll(store, database);
  await store.close();
  const app = await startAppProcess({
    NODE_ENV: 'development', LOG_LEVEL: 'silent', EVENT_STORE: 'sqlite',
    SQLITE_PATH: join(dir, 'http-events.sqlite'), READ_MODEL_SQLITE_PATH: database.sqlitePath!, AUTH_MODE: 'dev',
    DEV_TOKEN_SECRET: 'bench-dev-token-secret-at-least-32-characters', RATE_LIMIT_ENABLED: 'false',
  });
  try {
    const { base } = app;
    const tokenResponse = await fetch(`${base}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'bench', roles: ['auditor'] }) });
    const { accessToken } = (await tokenResponse.json()) as { accessToken: string };
    const dates = ['2015-06-30', '2017-12-31', '2019-06-30', '2021-12-31', log.lastDay];
    const ids = log.unitIds.slice(0, HTTP_UNITS);
    const unitPath = (i: number) => `/api/v1/units/${ids[(i * 7919) % ids.length]}?asOf=2015-01-01`;
    const structurePath = (i: number) => `/api/v1/structure?asOf=${dates[i % dates.length]}`;
    const structureRequests = Math.max(50, Math.round(HTTP_REQUESTS / 20));
    await load(base, WARMUP, CONCURRENCY, (i) => unitPath(i + HTTP_REQUESTS), accessToken);
    const unit = await load(base, HTTP_REQUESTS, CONCURRENCY, unitPath, accessToken);
    await load(base, Math.max(5, Math.round(WARMUP / 20)), CONCURRENCY, structurePath, accessToken);
    const structure = await load(base, structureRequests, CONCURRENCY, structurePath, accessToken);
    return [
      { query: 'GET /api/v1/units/{id}?asOf=', ...unit, targetP99: TARGETS.unitP99 },
      { query: 'GET /api/v1/structure?asOf=', ...structure, targetP99: TARGETS.structureP99 },
    ];
  } finally {
    await app.stop();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-read-'));
  try {
    const rebuild = [];
    for (const kind of ADAPTERS) rebuild.push(...(await rebuildBench(kind as 'sqlite' | 'postgres', dir)));
    const http = process.env.BENCH_SKIP_HTTP ? [] : await httpBench(dir);
    const conditions = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      events: EVENTS,
      mix: `100 bodies; baseline ${Math.round(EVENTS / 8)} UnitRegistered; then decisions: ${Object.entries(EVENT_MIX).map(([k, v]) => `${k} ${v * 100}%`).join(', ')} (a consolidation = 1 UnitEstablished + 2 UnitMerged); ${BACKFILL_SHARE * 100}% of attribute changes back-filled (effective before the unit's latest change)`,
      rebuild: 'bulk folds (in-memory, incremental per unit); shadow tables loaded without secondary indexes (SQLite: one prepared INSERT per row; PostgreSQL: INSERT … SELECT FROM unnest, 20k rows per statement), indexes built at the swap; 10k events per read, 100k per transaction',
      readModels: 'SQLite: WAL, synchronous=FULL; PostgreSQL: same server as the store',
      http: `${HTTP_UNITS} units (${HTTP_UNITS * 5} events); the API in a child process (node -r @swc-node/register apps/api/src/main.ts, SQLite, logging silent); autocannon in the bench process, ${CONCURRENCY} keep-alive connections over loopback; ${WARMUP} unit and ${Math.max(5, Math.round(WARMUP / 20))} structure warm-up requests not counted; ${HTTP_REQUESTS} unit requests, structure requests = requests/20; latencies in whole ms (HDR histogram)`,
    };
    console.log('Conditions:');
    for (const [k, v] of Object.entries(conditions)) console.log(`  ${k}: ${v}`);
    console.table(rebuild);
    if (http.length) console.table(http);
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
