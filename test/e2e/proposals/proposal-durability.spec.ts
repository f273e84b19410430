import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DEV_SECRET } from '../support/test-app';
import { bearer } from '../support/tokens';
import { absorbH2IntoH1, startProposalsBed } from './proposals-test-bed';

describe('proposals and their attachments survive a restart (embedded SQLite files)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reorg-proposals-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the same proposal, list and attachment bytes after the app is started again on the same files', async () => {
    // A fixed dev-token secret is part of the test app's environment, so tokens stay valid across the restart.
    const env = { SQLITE_PATH: join(dir, 'events.sqlite'), DATA_DIR: dir, READ_MODEL_SQLITE_PATH: join(dir, 'read-models.sqlite'), DEV_TOKEN_SECRET: TEST_DEV_SECRET };
    const first = await startProposalsBed(env);
    const proposer = await first.token('nguyen.van.a', ['proposer'], [first.bodies.health]);
    const created = (await (await first.call(proposer, 'POST', '/api/v1/proposals', absorbH2IntoH1(first))).json()) as { id: string };
    const bytes = randomBytes(50_000);
    const data = new FormData();
    data.append('file', new Blob([bytes], { type: 'application/pdf' }), 'to-trinh.pdf');
    const uploaded = await fetch(`${first.url}/api/v1/proposals/${created.id}/attachments`, { method: 'POST', headers: bearer(proposer), body: data });
    expect(uploaded.status).toBe(201);
    const { attachmentId } = (await uploaded.json()) as { attachmentId: string };
    const before = await (await first.call(proposer, 'GET', `/api/v1/proposals/${created.id}`)).json();
    await first.close();

    const second = await startProposalsBed(env, false);
    try {
      expect(await (await second.call(proposer, 'GET', `/api/v1/proposals/${created.id}`)).json()).toEqual(before);
      const list = (await (await second.call(proposer, 'GET', '/api/v1/proposals')).json()) as { items: unknown[] };
      expect(list.items).toEqual([before]);
      const download = await fetch(`${second.url}/api/v1/proposals/${created.id}/attachments/${attachmentId}`, { headers: bearer(proposer) });
      expect(download.status).toBe(200);
      expect(Buffer.compare(Buffer.from(await download.arrayBuffer()), bytes)).toBe(0);
    } finally {
      await second.close();
    }
  });
});
