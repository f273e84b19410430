import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PATIENCE_MS } from '@reorg/testing';
import { freePort } from '../../e2e/execution/api-process';

const REPO_ROOT = resolve(__dirname, '../../..');

export interface NotifierCounts {
  applied: number;
  skipped: number;
}

/** apps/notifier as an OS process of its own (sources run through @swc-node/register), so that kill -9 is real. */
export class NotifierProcess {
  private output = '';

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    private readonly url: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  /** Starts the process without waiting for it to join its group (see waitReady). */
  static async spawn(name: string, env: Record<string, string>): Promise<NotifierProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/notifier/src/main.ts'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new NotifierProcess(name, child, `http://127.0.0.1:${port}`);
  }

  get logs(): string {
    return this.output;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** The consumer's counters from /health/ready, or undefined while it is not a member of its group. */
  async counts(): Promise<NotifierCounts | undefined> {
    try {
      const response = await fetch(`${this.url}/health/ready`);
      if (!response.ok) return undefined;
      const body = (await response.json()) as { checks: { consumer: NotifierCounts } };
      return { applied: body.checks.consumer.applied, skipped: body.checks.consumer.skipped };
    } catch {
      return undefined; // not listening yet
    }
  }

  async waitReady(timeoutMs = PATIENCE_MS): Promise<NotifierCounts> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`notifier ${this.name} exited:\n${this.output}`);
      const counts = await this.counts();
      if (counts) return counts;
      await sleep(100);
    }
    throw new Error(`notifier ${this.name} did not join its group within ${timeoutMs} ms:\n${this.output}`);
  }

  /** kill -9: no shutdown hook, no last offset commit. */
  async kill(): Promise<void> {
    if (this.exited) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGKILL');
    await exited;
  }
}
