import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createApiClient } from '@reorg/api-client';
import { runWalkthrough } from '../../../apps/demo/src/walkthrough';
import { startTestApp, type RunningApp } from '../support/test-app';

const repoRoot = resolve(__dirname, '../../..');

describe('npm run demo: README walkthrough against the real api (typed client)', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startTestApp();
  });

  afterAll(async () => {
    await running.close();
  });

  it('walks a consolidation from draft to execution, twice on the same server, and README tells the same steps', async () => {
    const lines: string[] = [];
    const first = await runWalkthrough(running.url, (line) => lines.push(line), 'RUN1');
    const second = await runWalkthrough(running.url, () => undefined, 'RUN2');

    expect(first.status).toBe('EXECUTED');
    expect(second.status).toBe('EXECUTED');

    const auditorToken = ((await (await fetch(`${running.url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'check', roles: ['auditor'] }) })).json()) as { accessToken: string }).accessToken;
    const auditor = createApiClient({ baseUrl: running.url, token: auditorToken });
    for (const unitId of first.sourceUnitIds) {
      const { data } = await auditor.GET('/api/v1/units/{id}', { params: { path: { id: unitId } } });
      expect(data?.status).toBe('MERGED');
    }
    const { data: lineage } = await auditor.GET('/api/v1/units/{id}/lineage', { params: { path: { id: first.newUnitId } } });
    expect(lineage?.predecessors.map((entry) => entry.unitId).sort()).toEqual([...first.sourceUnitIds].sort());

    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
    const section = readme.split('## A proposal from draft to execution')[1]?.split('\n## ')[0] ?? '';
    const steps = lines.filter((line) => /^\d\. /.test(line));
    expect(steps).toHaveLength(4);
    for (const step of steps) expect(section).toContain(step);
  });
});
