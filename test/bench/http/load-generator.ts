/* HTTP load from a separate process pinned to its own core: wrk when installed, otherwise the autocannon CLI. */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** Replaced in a request body by a value unique within the run. */
export const ID_PLACEHOLDER = '[<id>]';

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A body with ID_PLACEHOLDER where each request needs its own value. */
  bodyTemplate?: string;
  /** Send a fresh Idempotency-Key with every request (wrk only). */
  idempotencyKeys?: boolean;
  connections: number;
  durationSeconds: number;
  /** `taskset -c` CPU list for the generator. */
  cpuList: string;
  /** Makes the placeholder values of this run distinct from every other run's. */
  runTag: string;
}

export interface LoadOutcome {
  tool: string;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Responses with a status outside 2xx (wrk counts ≥ 400; nothing here redirects). */
  non2xx: number;
  socketErrors: number;
}

export type LoadTool = 'wrk' | 'autocannon';

export function pickLoadTool(): LoadTool {
  const wanted = process.env.BENCH_LOAD_TOOL;
  const wrkFound = spawnSync('wrk', ['--version']).error === undefined;
  if (wanted === 'wrk' && !wrkFound) throw new Error('BENCH_LOAD_TOOL=wrk but wrk is not installed (apt-get install -y wrk)');
  if (wanted === 'autocannon' || !wrkFound) return 'autocannon';
  return 'wrk';
}

export function describeTool(tool: LoadTool): string {
  if (tool === 'autocannon') return 'autocannon 9 CLI (node_modules/.bin/autocannon; wrk not installed or BENCH_LOAD_TOOL=autocannon)';
  const version = spawnSync('wrk', ['--version']).stdout.toString().split('\n')[0]?.split(' Copyright')[0] ?? 'wrk';
  return `${version}, 1 thread, Lua request generator`;
}

export function runLoad(tool: LoadTool, spec: LoadSpec): Promise<LoadOutcome> {
  return tool === 'wrk' ? runWrk(spec) : runAutocannon(spec);
}

const luaString = (text: string) => `[==[${text}]==]`;

function wrkScript(spec: LoadSpec): string {
  const headers = Object.entries(spec.headers ?? {}).map(([name, value]) => `wrk.headers[ ${luaString(name)} ] = ${luaString(value)}`);
  const [before, after] = (spec.bodyTemplate ?? '').split(ID_PLACEHOLDER);
  return [
    `wrk.method = "${spec.method}"`,
    ...headers,
    spec.bodyTemplate === undefined
      ? ''
      : `local counter = 0
request = function()
  counter = counter + 1
  local id = ${luaString(spec.runTag)} .. counter
  ${spec.idempotencyKeys ? 'wrk.headers["Idempotency-Key"] = "bench-" .. id' : ''}
  return wrk.format(nil, nil, nil, ${luaString(before)} .. id .. ${luaString(after ?? '')})
end`,
    `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH_JSON {"requests":%d,"durationUs":%d,"non2xx":%d,"socketErrors":%d,"p50":%d,"p99":%d,"max":%d}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end`,
  ].join('\n');
}

async function runWrk(spec: LoadSpec): Promise<LoadOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-wrk-'));
  try {
    const script = join(dir, 'load.lua');
    writeFileSync(script, wrkScript(spec));
    const args = ['-c', spec.cpuList, 'wrk', '-t1', `-c${spec.connections}`, `-d${spec.durationSeconds}s`, '--timeout', '10s', '-s', script, spec.url];
    const { stdout } = await run('taskset', args, { maxBuffer: 1 << 20 });
    const line = stdout.split('\n').find((l) => l.startsWith('BENCH_JSON '));
    if (!line) throw new Error(`wrk printed no result:\n${stdout}`);
    const r = JSON.parse(line.slice('BENCH_JSON '.length)) as Record<string, number>;
    return {
      tool: 'wrk',
      requests: r.requests,
      perSecond: Math.round(r.requests / (r.durationUs / 1e6)),
      p50Ms: r.p50 / 1000,
      p99Ms: r.p99 / 1000,
      maxMs: r.max / 1000,
      non2xx: r.non2xx,
      socketErrors: r.socketErrors,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runAutocannon(spec: LoadSpec): Promise<LoadOutcome> {
  if (spec.idempotencyKeys) throw new Error('a fresh Idempotency-Key per request needs wrk (apt-get install -y wrk)');
  const bin = join(__dirname, '../../../node_modules/.bin/autocannon');
  const headers = Object.entries(spec.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}=${value}`]);
  const body = spec.bodyTemplate === undefined ? [] : ['-b', spec.bodyTemplate.replace(ID_PLACEHOLDER, `${spec.runTag}${ID_PLACEHOLDER}`), '-I'];
  const args = ['-c', spec.cpuList, bin, '-j', '-c', String(spec.connections), '-d', String(spec.durationSeconds), '-m', spec.method, ...headers, ...body, spec.url];
  const { stdout } = await run('taskset', args, { maxBuffer: 16 << 20 });
  const r = JSON.parse(stdout) as {
    requests: { total: number; average: number };
    latency: { p50: number; p99: number; max: number };
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  return {
    tool: 'autocannon',
    requests: r.requests.total,
    perSecond: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    non2xx: r.non2xx,
    socketErrors: r.errors + r.timeouts,
  };
}
