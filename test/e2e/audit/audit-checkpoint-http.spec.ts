import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { createCheckpoint } from '@reorg/event-store/audit';
import { type Bed, startProposalsBed } from '../proposals/proposals-test-bed';
import { expectProblem } from '../support/problem';
import { startTestApp } from '../support/test-app';

const ROUTE = '/api/v1/audit/verify/checkpoint';

/** POST /audit/verify/checkpoint: a checkpoint file an auditor brings, checked with AUDIT_PUBLIC_KEY_FILE (docs/adr/0009). */
describe('POST /api/v1/audit/verify/checkpoint over HTTP (SQLite)', () => {
  const trusted = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const dir = mkdtempSync(join(tmpdir(), 'audit-checkpoint-http-'));
  let bed: Bed;
  let auditor: string;
  let store: EventStore;

  beforeAll(async () => {
    const publicKeyFile = join(dir, 'public.pem');
    writeFileSync(publicKeyFile, trusted.publicKey.export({ type: 'spki', format: 'pem' }));
    bed = await startProposalsBed({ AUDIT_PUBLIC_KEY_FILE: publicKeyFile, RATE_LIMIT_ENABLED: 'false' });
    auditor = await bed.token('kiem.toan', ['auditor']);
    store = bed.running.app.get<symbol, EventStore>(EVENT_STORE);
  });

  afterAll(async () => {
    await bed?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies a checkpoint the trusted key signed: the log extends it, also after more events', async () => {
    const checkpoint = await createCheckpoint(store, trusted.privateKey);
    expect((await bed.call(bed.admin, 'POST', '/api/v1/governing-bodies', { code: 'SNN', name: 'Sở Nông nghiệp', system: 'GOVERNMENT', level: 'PROVINCE' })).status).toBe(201);
    const response = await bed.call(auditor, 'POST', ROUTE, checkpoint);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      streams: expect.any(Number),
      events: expect.any(Number),
      failures: [],
      trustedKeyId: checkpoint.keyId,
      checkpoint: {
        position: checkpoint.position,
        globalHash: checkpoint.globalHash,
        createdAt: checkpoint.createdAt,
        keyId: checkpoint.keyId,
        digest: checkpoint.digest,
        signature: checkpoint.signature,
        streams: checkpoint.heads.length,
        signatureVerified: true,
        extended: true,
      },
    });
  });

  it('refuses (422 CHECKPOINT_REFUSED) a checkpoint edited after signing, or signed by another key', async () => {
    const checkpoint = await createCheckpoint(store, trusted.privateKey);
    const edited = await expectProblem(await bed.call(auditor, 'POST', ROUTE, { ...checkpoint, globalHash: 'f'.repeat(64) }), 422, 'RULE_VIOLATION');
    expect(edited.errors).toEqual([expect.objectContaining({ path: 'checkpoint', code: 'CHECKPOINT_REFUSED' })]);
    const foreign = await expectProblem(await bed.call(auditor, 'POST', ROUTE, await createCheckpoint(store, other.privateKey)), 422, 'RULE_VIOLATION');
    expect(String(foreign.detail)).toContain(checkpoint.keyId);
  });

  it('names the field of a malformed checkpoint (400)', async () => {
    const checkpoint = await createCheckpoint(store, trusted.privateKey);
    const body = await expectProblem(await bed.call(auditor, 'POST', ROUTE, { ...checkpoint, position: 'ten' }), 400, 'VALIDATION_FAILED');
    expect(body.errors).toEqual([expect.objectContaining({ path: 'position' })]);
  });

  it('answers 409 when no trusted public key is configured (the api reads no private key)', async () => {
    const running = await startTestApp({ RATE_LIMIT_ENABLED: 'false' });
    try {
      const token = ((await (await fetch(`${running.url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'a', roles: ['auditor'] }) })).json()) as { accessToken: string }).accessToken;
      const checkpoint = await createCheckpoint(store, trusted.privateKey);
      const response = await fetch(`${running.url}${ROUTE}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(checkpoint) });
      const body = await expectProblem(response, 409, 'CONFLICT');
      expect(String(body.detail)).toContain('AUDIT_PUBLIC_KEY_FILE');
    } finally {
      await running.close();
    }
  });
});
