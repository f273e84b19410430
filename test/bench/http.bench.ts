/* The command path over real HTTP: durable commands/s and p50/p99 beside the same app's GET /health, on SQLite and PostgreSQL. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Client } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AppProcess, startAppProcess } from './read/app-process';
import { byPackage, summarise as summariseProfile } from './http/cpu-profile-summary';
import { ID_PLACEHOLDER, type LoadOutcome, type LoadTool, describeTool, pickLoadTool, runLoad } from './http/load-generator';

type Adapter = 'sqlite' | 'postgres';

const ADAPTERS = (process.env.BENCH_ADAPTERS?.split(',') ?? ['sqlite', 'postgres']) as Adapter[];
const DURATION_S = Number(process.env.BENCH_HTTP_DURATION_S ?? 12);
const WARMUP_S = Number(process.env.BENCH_HTTP_WARMUP_S ?? 3);
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 64);
const APP_CPU = process.env.BENCH_APP_CPU ?? '0';
const LOAD_CPU = process.env.BENCH_LOAD_CPU ?? '1';
/** A directory: the SQLite app's measured command window is CPU-profiled into it (http/profile-window.js). */
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF_DIR;
/** Which cases run: health, command, idempotent (default all; a profiled run defaults to command only). */
const CASES = new Set(process.env.BENCH_HTTP_CASES?.split(',') ?? (CPU_PROF_DIR ? ['command'] : ['health', 'command', 'idempotent']));
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DEV_TOKEN_SECRET = 'bench-dev-token-secret-at-least-32-characters';
const TARGETS = { sqliteCommandsPerSec: 5_000, sqliteRatioToHealth: 0.5, sqliteP99Ms: 50, postgresCommandsPerSec: 3_000 };

/** A new governing body per request: two streams (code reservation + body), two events, one atomic append. */
const COMMAND = {
  route: 'POST /api/v1/governing-bodies',
  body: JSON.stringify({ code: `B-${ID_PLACEHOLDER}`, name: 'Sở Khoa học và Công nghệ', system: 'GOVERNMENT', level: 'PROVINCE' }),
  eventsPerCommand: 2,
};

interface Case {
  adapter: Adapter;
  case: string;
  outcome: LoadOutcome;
  /** The app process's CPU time (every thread, user + system) per answered request in the measured window. */
  cpuUsPerRequest?: number;
}

/** User + system CPU of a process so far, in µs, from /proc (Linux); undefined elsewhere. */
function processCpuUs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS_PER_S;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS_PER_S = 100;

interface Deployment {
  env: Record<string, string>;
  prepare: () => Promise<void>;
  settings: () => Promise<Record<string, string>>;
  storedEvents: () => Promise<number>;
  dispose: () => Promise<void>;
}

function sqliteDeployment(dir: string): Deployment {
  const path = join(dir, 'events.sqlite');
  const readOnly = <T>(query: (db: BetterSqlite3.Database) => T): T => {
    const db = new BetterSqlite3(path, { readonly: true });
    try {
      return query(db);
    } finally {
      db.close();
    }
  };
  return {
    env: { EVENT_STORE: 'sqlite', SQLITE_PATH: path, DATA_DIR: dir, READ_MODEL_SQLITE_PATH: join(dir, 'read-models.sqlite') },
    settings: async () => ({
      journal_mode: String(readOnly((db) => db.pragma('journal_mode', { simple: true }))),
      synchronous: 'event store FULL; read models NORMAL (rebuildable); idempotency keys FULL',
      filesystem: dir,
    }),
    storedEvents: async () => readOnly((db) => (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n),
    prepare: async () => undefined,
    dispose: async () => undefined,
  };
}

function postgresDeployment(): Deployment {
  const schema = `bench_http_${Date.now()}`;
  const withClient = async <T>(query: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      return await query(client);
    } finally {
      await client.end();
    }
  };
  return {
    env: { EVENT_STORE: 'postgres', DATABASE_URL, DATABASE_SCHEMA: schema },
    // Created before the app starts: its store, read models and idempotency keys each create it if missing, concurrently.
    prepare: () => withClient(async (client) => void (await client.query(`CREATE SCHEMA "${schema}"`))),
    settings: () =>
      withClient(async (client) => {
        const show = async (name: string) => String((await client.query(`SHOW ${name}`)).rows[0][name]);
        return { server_version: await show('server_version'), synchronous_commit: await show('synchronous_commit'), fsync: await show('fsync'), schema };
      }),
    storedEvents: () => withClient(async (client) => Number((await client.query(`SELECT count(*) AS n FROM "${schema}".events`)).rows[0].n)),
    dispose: () => withClient(async (client) => void (await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`))),
  };
}

async function adminToken(base: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: 'bench-admin', roles: ['admin'] }),
  });
  if (response.status !== 201) throw new Error(`dev token: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Tells the app's profile-window.js to start or stop (it polls every 100 ms). */
async function marker(dir: string, name: 'start' | 'stop'): Promise<void> {
  writeFileSync(join(dir, name), '');
  while (existsSync(join(dir, name))) await sleep(50);
}

async function printProfile(dir: string): Promise<void> {
  const file = join(dir, 'app.cpuprofile');
  rmSync(file, { force: true });
  await marker(dir, 'stop');
  while (!existsSync(file)) await sleep(50);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Parameters<typeof byPackage>[0];
  console.log(`CPU profile of the SQLite command window (${file}), self time by package and top functions:`);
  console.table(byPackage(profile).slice(0, 15));
  console.table(summariseProfile(profile, 25).rows);
}

function assertClean(label: string, outcome: LoadOutcome): void {
  if (outcome.non2xx > 0) throw new Error(`${label}: ${outcome.non2xx} non-2xx responses (must be 0)`);
  if (outcome.requests === 0) throw new Error(`${label}: no request completed`);
}

async function benchAdapter(adapter: Adapter, tool: LoadTool, dir: string): Promise<{ cases: Case[]; settings: Record<string, string>; durable: Record<string, number> }> {
  const deployment = adapter === 'sqlite' ? sqliteDeployment(join(dir, adapter)) : postgresDeployment();
  const profileDir = adapter === 'sqlite' ? CPU_PROF_DIR : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  let app: AppProcess | undefined;
  try {
    await deployment.prepare();
    app = await startAppProcess(
      {
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        AUTH_MODE: 'dev',
        DEV_TOKEN_SECRET,
        RATE_LIMIT_ENABLED: 'false',
        ...deployment.env,
        ...(profileDir ? { BENCH_PROFILE_DIR: profileDir } : {}),
      },
      { cpuList: APP_CPU, nodeArgs: profileDir ? ['-r', join(__dirname, 'http/profile-window.js')] : [] },
    );
    const token = await adminToken(app.base);
    const load = (name: string, extra: Partial<Parameters<typeof runLoad>[1]>, seconds: number) =>
      runLoad(tool, { url: app!.base, method: 'GET', connections: CONNECTIONS, durationSeconds: seconds, cpuList: LOAD_CPU, runTag: name, ...extra });
    const command = {
      url: `${app.base}/api/v1/governing-bodies`,
      method: 'POST' as const,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      bodyTemplate: COMMAND.body,
    };
    const cases: Case[] = [];
    let committed = 0;
    const measure = async (name: string, spec: Partial<Parameters<typeof runLoad>[1]>, isCommand: boolean) => {
      const tag = `${cases.length}`;
      const warm = await load(`${tag}w`, spec, WARMUP_S);
      assertClean(`${adapter} ${name} warm-up`, warm);
      const profiled = isCommand && profileDir !== undefined && !('idempotencyKeys' in spec);
      if (profiled) await marker(profileDir, 'start');
      const cpuBefore = processCpuUs(app!.pid);
      const outcome = await load(`${tag}m`, spec, DURATION_S);
      const cpuAfter = processCpuUs(app!.pid);
      if (profiled) await printProfile(profileDir);
      assertClean(`${adapter} ${name}`, outcome);
      if (isCommand) committed += warm.requests + outcome.requests;
      const cpuUsPerRequest = cpuBefore === undefined || cpuAfter === undefined ? undefined : Math.round((cpuAfter - cpuBefore) / outcome.requests);
      cases.push({ adapter, case: name, outcome, cpuUsPerRequest });
      process.stderr.write(`${adapter} ${name}: ${outcome.perSecond}/s p50 ${outcome.p50Ms} ms p99 ${outcome.p99Ms} ms, ${cpuUsPerRequest ?? '?'} µs CPU/request\n`);
    };
    if (CASES.has('health')) await measure('GET /health', { url: `${app.base}/health` }, false);
    if (CASES.has('command')) await measure(COMMAND.route, command, true);
    if (CASES.has('idempotent') && tool === 'wrk') await measure(`${COMMAND.route} + Idempotency-Key`, { ...command, idempotencyKeys: true }, true);
    await app.stop();
    app = undefined;
    const stored = await deployment.storedEvents();
    // Every 2xx was answered after its commit; wrk may stop with requests in flight, which commit unanswered.
    if (stored < committed * COMMAND.eventsPerCommand) throw new Error(`${adapter}: ${committed} commands answered 2xx but only ${stored} events stored`);
    return { cases, settings: await deployment.settings(), durable: { commandsAnswered2xx: committed, eventsStored: stored } };
  } finally {
    await app?.stop();
    await deployment.dispose();
  }
}

function summarise(all: Case[]) {
  return all.map(({ adapter, case: name, outcome, cpuUsPerRequest }) => {
    const health = all.find((c) => c.adapter === adapter && c.case === 'GET /health')?.outcome;
    const isCommand = name !== 'GET /health';
    const targets =
      isCommand && !name.includes('Idempotency')
        ? adapter === 'sqlite'
          ? `≥ ${TARGETS.sqliteCommandsPerSec}/s, ≥ ${TARGETS.sqliteRatioToHealth} × /health, p99 < ${TARGETS.sqliteP99Ms} ms`
          : `≥ ${TARGETS.postgresCommandsPerSec}/s`
        : '';
    const ratio = isCommand && health ? outcome.perSecond / health.perSecond : undefined;
    const met =
      targets === ''
        ? ''
        : adapter === 'sqlite'
          ? outcome.perSecond >= TARGETS.sqliteCommandsPerSec && (ratio ?? 0) >= TARGETS.sqliteRatioToHealth && outcome.p99Ms < TARGETS.sqliteP99Ms
          : outcome.perSecond >= TARGETS.postgresCommandsPerSec;
    return {
      store: adapter,
      request: name,
      'req/s': outcome.perSecond,
      'p50 ms': outcome.p50Ms,
      'p99 ms': outcome.p99Ms,
      'max ms': outcome.maxMs,
      requests: outcome.requests,
      non2xx: outcome.non2xx,
      'socket errors': outcome.socketErrors,
      'ratio to /health': ratio === undefined ? '' : Number(ratio.toFixed(2)),
      'app CPU µs/req': cpuUsPerRequest ?? '',
      target: targets,
      met: met === '' ? '' : met ? 'met' : 'NOT met',
    };
  });
}

async function main(): Promise<void> {
  const tool = pickLoadTool();
  const dir = mkdtempSync(join(tmpdir(), 'bench-http-'));
  const startedLoad = loadavg().map((l) => l.toFixed(2)).join(' ');
  try {
    const cases: Case[] = [];
    const stores: Record<string, unknown> = {};
    for (const adapter of ADAPTERS) {
      const result = await benchAdapter(adapter, tool, dir);
      cases.push(...result.cases);
      stores[adapter] = { ...result.settings, ...result.durable };
    }
    const conditions = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadAverageAtStart: `${startedLoad} (the machine is shared: other work may run beside the bench)`,
      app: `apps/api/src/main.ts in a child process (node -r @swc-node/register), pinned with taskset -c ${APP_CPU}; embedded mode (projections, approval runtime and relay in-process, no Kafka); LOG_LEVEL=warn, RATE_LIMIT_ENABLED=false, AUTH_MODE=dev (HS256 dev token, admin)${CPU_PROF_DIR ? `; SQLite command window CPU-profiled into ${CPU_PROF_DIR}/app.cpuprofile (the profiler costs throughput)` : ''}`,
      loadGenerator: `${describeTool(tool)}, its own process pinned with taskset -c ${LOAD_CPU}; ${CONNECTIONS} keep-alive connections over loopback; ${WARMUP_S} s warm-up (not counted) then ${DURATION_S} s per case; latencies from its histogram`,
      appCpu: 'app CPU µs/req: the app process\'s user + system CPU (every thread, /proc/<pid>/stat) over the measured window divided by the requests answered in it; what the neighbours sway least',
      postgres: 'the PostgreSQL server is not pinned (it shares both cores with the app and the generator)',
      command: `${COMMAND.route} with a unique code per request (${COMMAND.eventsPerCommand} events in one atomic two-stream append); answered 201 after the commit and after the read models include it (read-your-writes)`,
      idempotencyCase: 'the same command with a fresh Idempotency-Key per request (the key is claimed and its response stored in the read-model database)',
      stores,
    };
    const summary = summarise(cases);
    console.log('Conditions:');
    for (const [k, v] of Object.entries(conditions)) console.log(`  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
    console.table(summary);
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/http.json', JSON.stringify({ conditions, targets: TARGETS, summary, cases }, null, 2));
    console.log('written bench-results/http.json');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
