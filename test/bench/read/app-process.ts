/* The API in its own Node process, so the load generator's CPU time never counts as server latency. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const STARTUP_TIMEOUT_MS = 120_000;

export interface AppProcess {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

export interface AppProcessOptions {
  /** Pin the API to these CPUs (`taskset -c`), e.g. '0'. */
  cpuList?: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** The loopback port (default: a free one). */
  port?: number;
  /** The checkout whose apps/api runs (default: this one), e.g. the code before a change, for a same-run comparison. */
  root?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilUp(base: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${base}/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the API did not answer within ${STARTUP_TIMEOUT_MS} ms:\n${output()}`);
}

/** Starts apps/api/src/main.ts (through @swc-node/register) with `env` on a free loopback port. */
export async function startAppProcess(env: Record<string, string>, options: AppProcessOptions = {}): Promise<AppProcess> {
  const port = options.port ?? (await freePort());
  const root = options.root ?? join(__dirname, '../../..');
  const node = [process.execPath, ...(options.nodeArgs ?? []), '-r', '@swc-node/register', join(root, 'apps/api/src/main.ts')];
  const [command, ...args] = options.cpuList ? ['taskset', '-c', options.cpuList, ...node] : node;
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitUntilUp(base, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, pid: child.pid ?? 0, stop };
}
