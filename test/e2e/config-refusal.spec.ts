import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigValidationError } from '@reorg/config';
import { PATIENCE_MS } from '@reorg/testing';
import { createApp } from '../../apps/api/src/create-app';

const ROOT = resolve(__dirname, '../..');

function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), PATIENCE_MS);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stderr });
    });
  });
}

describe('the service refuses to start with a bad configuration', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reorg-config-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('createApp rejects dev tokens in production', async () => {
    const attempt = createApp({ env: { NODE_ENV: 'production', AUTH_MODE: 'dev', SQLITE_PATH: join(dir, 'events.sqlite') } });
    await expect(attempt).rejects.toBeInstanceOf(ConfigValidationError);
    await expect(attempt).rejects.toThrow(/AUTH_MODE: dev tokens are refused when NODE_ENV=production/);
  });

  it('the entry point exits 1 naming every bad variable, before opening any store', async () => {
    const sqlitePath = join(dir, 'never-created', 'events.sqlite');
    const { code, stderr } = await runMain({ NODE_ENV: 'production', PORT: 'eighty', SQLITE_PATH: sqlitePath });
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toMatch(/- PORT: /);
    expect(stderr).toMatch(/- AUTH_MODE: dev tokens are refused when NODE_ENV=production/);
    await expect(import('node:fs/promises').then((fs) => fs.stat(join(dir, 'never-created')))).rejects.toThrow(/ENOENT/);
  });
});
