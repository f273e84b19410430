import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { serialiseOpenApi } from '../../../apps/api/src/openapi/write-openapi';
import { startTestApp, type RunningApp } from '../support/test-app';

const repoRoot = resolve(__dirname, '../../..');
const regenerate = 'run `npm run openapi:write` and commit openapi.json and libs/api-client/src/openapi.d.ts';

describe('the committed HTTP contract (openapi.json) and the typed client generated from it', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startTestApp();
  });

  afterAll(async () => {
    await running.close();
  });

  it('openapi.json is exactly what the running api serves at /docs-json', async () => {
    const served = serialiseOpenApi(await (await fetch(`${running.url}/docs-json`)).json());
    const committed = await readFile(join(repoRoot, 'openapi.json'), 'utf8');
    if (served !== committed) throw new Error(`openapi.json differs from the served document: ${regenerate}`);
    expect(served).toBe(committed);
  });

  it('the client types are what openapi-typescript generates from openapi.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reorg-client-'));
    try {
      const out = join(dir, 'openapi.d.ts');
      const bin = join(repoRoot, 'node_modules', '.bin', 'openapi-typescript');
      await promisify(execFile)(bin, [join(repoRoot, 'openapi.json'), '-o', out], { cwd: repoRoot, timeout: 120_000 });
      const generated = await readFile(out, 'utf8');
      const committed = await readFile(join(repoRoot, 'libs/api-client/src/openapi.d.ts'), 'utf8');
      if (generated !== committed) throw new Error(`libs/api-client/src/openapi.d.ts is stale: ${regenerate}`);
      expect(generated).toBe(committed);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
