/*
 * Durable commands over HTTP from several checkouts (or settings) in alternating rounds, so that a
 * before/after pair meets the same neighbours: POST /api/v1/governing-bodies (as bench:http) against
 * each app, with req/s, latency and the app process's CPU per command (every thread, /proc).
 *
 *   BENCH_ROOTS=/tmp/before,$PWD,$PWD@EVENT_STORE_SQLITE_WRITER=inline BENCH_ROUNDS=3 \
 *     node -r @swc-node/register test/bench/http/command-rounds.ts
 *
 * Each entry is a checkout root, optionally followed by @NAME=value;NAME=value (extra environment).
 * BENCH_HEALTH=1 loads GET /health instead. Apps listen on BENCH_PORT_BASE (default 3900) and up.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ID_PLACEHOLDER, pickLoadTool, runLoad } from './load-generator';
import { type AppProcess, startAppProcess } from '../read/app-process';

const ROOTS = (process.env.BENCH_ROOTS ?? join(__dirname, '../../..')).split(',');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_HTTP_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 64);
const HEALTH = process.env.BENCH_HEALTH === '1';

/** [user, system] CPU ticks (1/100 s) of a process, every thread. */
function ticks(pid: number): [number, number] {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return [Number(fields[11]), Number(fields[12])];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-command-rounds-'));
  const tool = pickLoadTool();
  const apps: { entry: string; app: AppProcess; token: string }[] = [];
  let port = Number(process.env.BENCH_PORT_BASE ?? 3900);
  try {
    for (const [index, entry] of ROOTS.entries()) {
      const [root, extra] = entry.split('@');
      const env = Object.fromEntries((extra ?? '').split(';').filter(Boolean).map((pair) => pair.split('=') as [string, string]));
      const data = join(dir, String(index));
      mkdirSync(data);
      const app = await startAppProcess(
        {
          NODE_ENV: 'development', LOG_LEVEL: 'warn', AUTH_MODE: 'dev', DEV_TOKEN_SECRET: 'bench-dev-token-secret-at-least-32-characters', RATE_LIMIT_ENABLED: 'false',
          EVENT_STORE: 'sqlite', SQLITE_PATH: join(data, 'events.sqlite'), DATA_DIR: data, READ_MODEL_SQLITE_PATH: join(data, 'read-models.sqlite'), ...env,
        },
        { cpuList: process.env.BENCH_APP_CPU ?? '0', root, port: port++ },
      );
      const response = await fetch(`${app.base}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'bench-admin', roles: ['admin'] }) });
      apps.push({ entry, app, token: ((await response.json()) as { accessToken: string }).accessToken });
    }
    const body = JSON.stringify({ code: `B-${ID_PLACEHOLDER}`, name: 'Sở Khoa học và Công nghệ', system: 'GOVERNMENT', level: 'PROVINCE' });
    const load = (target: (typeof apps)[number], tag: string, seconds: number) =>
      runLoad(tool, {
        ...(HEALTH
          ? { url: `${target.app.base}/health`, method: 'GET' as const }
          : { url: `${target.app.base}/api/v1/governing-bodies`, method: 'POST' as const, headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' }, bodyTemplate: body }),
        connections: CONNECTIONS, durationSeconds: seconds, cpuList: process.env.BENCH_LOAD_CPU ?? '1', runTag: tag,
      });
    for (const [index, target] of apps.entries()) await load(target, `w${index}-`, 3);
    console.log(`${HEALTH ? 'GET /health' : 'POST /api/v1/governing-bodies'}, ${CONNECTIONS} connections, ${SECONDS} s a round, ${tool}; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [index, target] of apps.entries()) {
        const [user0, system0] = ticks(target.app.pid);
        const outcome = await load(target, `r${round}-${index}-`, SECONDS);
        const [user1, system1] = ticks(target.app.pid);
        if (outcome.non2xx > 0) throw new Error(`${target.entry}: ${outcome.non2xx} non-2xx`);
        const perRequest = (t: number) => ((t * 10_000) / outcome.requests).toFixed(0);
        console.log(
          `round ${round + 1} ${target.entry}: ${outcome.perSecond}/s p50 ${outcome.p50Ms} ms p99 ${outcome.p99Ms} ms; ` +
            `CPU ${perRequest(user1 - user0 + system1 - system0)} µs/req (user ${perRequest(user1 - user0)}, system ${perRequest(system1 - system0)}); load ${loadavg()[0].toFixed(2)}`,
        );
      }
    }
  } finally {
    for (const { app } of apps) await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
