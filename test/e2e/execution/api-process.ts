import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { PATIENCE_MS } from '@reorg/testing';

const REPO_ROOT = resolve(__dirname, '../../..');
const START_TIMEOUT_MS = PATIENCE_MS;

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The real api (`apps/api/src/main.ts`) as a child process, as `npm start` runs it, on a port of its own. */
export class ApiProcess {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  static async start(env: Record<string, string>, entry = 'apps/api/src/main.ts'): Promise<ApiProcess> {
    const api = await ApiProcess.spawn(env, entry);
    await api.ready();
    return api;
  }

  /** Starts the process without waiting for it to become ready (see ready()). */
  static async spawn(env: Record<string, string>, entry = 'apps/api/src/main.ts'): Promise<ApiProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), APPROVAL_PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ApiProcess(child, `http://127.0.0.1:${port}`);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get logs(): string {
    return this.output;
  }

  /** kill -9: no shutdown hook runs, nothing is flushed beyond what was committed. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGKILL');
    await exited;
  }

  /** Resolves once /health/ready answers 200; throws if the process exits first or the time runs out (then kills it). */
  async ready(timeoutMs = START_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`the api exited with ${this.child.exitCode}:\n${this.output}`);
      try {
        if ((await fetch(`${this.url}/health/ready`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    await this.kill();
    throw new Error(`the api did not become ready within ${timeoutMs} ms:\n${this.output}`);
  }
}
