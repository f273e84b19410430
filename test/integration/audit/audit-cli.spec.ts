import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SignedCheckpoint } from '@reorg/event-store/audit';
import { AUDIT_BACKENDS, type AuditBackend, sqliteAuditBackend, writeSampleLog } from './audit-backends';
import { runCli } from './cli-process';

/** A store holding the sample log (A1 A2 A3 B1 B2 A4 B3), closed again so that only the CLI has it open. */
async function seeded(backendOf: () => Promise<AuditBackend>): Promise<AuditBackend & { a: string; b: string }> {
  const backend = await backendOf();
  const store = await backend.open();
  try {
    return { ...backend, ...(await writeSampleLog(store)) };
  } finally {
    await store.close();
  }
}

describe.each(AUDIT_BACKENDS)('npm run cli -- verify (%s)', (_name, backendOf) => {
  let backend: AuditBackend & { a: string; b: string };

  beforeEach(async () => {
    backend = await seeded(backendOf);
  });

  afterEach(() => backend.dispose());

  it('exits 0 on an intact store, with progress from position 0 to the head on stderr', async () => {
    const run = await runCli(['verify'], backend.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('7 events in 2 streams: both hash chains and every stream head verify');
    const progress = run.stderr.trim().split('\n');
    expect(progress[0]).toMatch(/^verify: position 0\/7 \(0%\), 0 events/);
    expect(progress.at(-1)).toMatch(/^verify: position 7\/7 \(100%\), 7 events, \d+ ev\/s$/);
  });

  it('exits 1 on a tampered store and names the first broken link; --json prints the report', async () => {
    await backend.tamperer.replaceInData(2, 'Quan 2', 'Quan 3');
    const run = await runCli(['verify'], backend.env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('VERIFICATION FAILED');
    expect(run.stdout).toContain(`broken: stream ${backend.a} version 2 at position 2: stream hash mismatch`);

    const json = await runCli(['verify', '--json'], backend.env);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: false,
      streams: 1,
      events: 2,
      failures: [{ streamId: backend.a, version: 2, position: 2, reason: expect.stringMatching(/stream hash mismatch/) }],
    });
  });
});

describe.each(AUDIT_BACKENDS)('npm run cli -- verify and a recordedAt moved into the future (%s)', (_name, backendOf) => {
  let backend: AuditBackend & { a: string; b: string };

  beforeEach(async () => {
    backend = await seeded(backendOf);
  });

  afterEach(() => backend.dispose());

  it('exits 1 naming the last event whose recordedAt was changed by hand', async () => {
    await backend.tamperer.setRecordedAt(7, '2099-01-01T00:00:00.000Z');
    const run = await runCli(['verify'], backend.env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`broken: stream ${backend.b} version 3 at position 7: stream hash mismatch`);
  });
});

describe('npm run cli -- audit-keygen, checkpoint and verify --against (SQLite)', () => {
  let backend: AuditBackend & { a: string; b: string };
  let dir: string;
  let keys: Record<string, string>;

  beforeEach(async () => {
    backend = await seeded(sqliteAuditBackend);
    dir = await mkdtemp(join(tmpdir(), 'reorg-audit-cli-'));
    const keygen = await runCli(['audit-keygen', '--out', join(dir, 'keys')], {});
    expect(keygen.code).toBe(0);
    keys = Object.fromEntries(keygen.stdout.split('\n').filter((line) => line.startsWith('AUDIT_')).map((line) => line.split(/\s+/)[0].split('=') as [string, string]));
  });

  afterEach(async () => {
    await backend.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const checkpointTo = async (file: string, env: Record<string, string> = {}) => {
    const run = await runCli(['checkpoint', '--out', file], { ...backend.env, AUDIT_SIGNING_KEY_FILE: keys.AUDIT_SIGNING_KEY_FILE, ...env });
    expect(run.code).toBe(0);
    return JSON.parse(readFileSync(file, 'utf8')) as SignedCheckpoint;
  };

  it('audit-keygen writes the private key with mode 0600 and never overwrites a key', async () => {
    expect(Object.keys(keys).sort()).toEqual(['AUDIT_PUBLIC_KEY_FILE', 'AUDIT_SIGNING_KEY_FILE']);
    expect(statSync(keys.AUDIT_SIGNING_KEY_FILE).mode & 0o777).toBe(0o600);
    expect(readFileSync(keys.AUDIT_SIGNING_KEY_FILE, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(keys.AUDIT_PUBLIC_KEY_FILE, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const before = readFileSync(keys.AUDIT_SIGNING_KEY_FILE, 'utf8');
    const again = await runCli(['audit-keygen', '--out', join(dir, 'keys')], {});
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^error: cannot write .*audit-signing-key\.pem: EEXIST/m);
    expect(readFileSync(keys.AUDIT_SIGNING_KEY_FILE, 'utf8')).toBe(before);
  });

  it('checkpoint prints a signed checkpoint of the store’s heads; verify --against it exits 0', async () => {
    const printed = await runCli(['checkpoint'], { ...backend.env, AUDIT_SIGNING_KEY_FILE: keys.AUDIT_SIGNING_KEY_FILE });
    expect(printed.code).toBe(0);
    const checkpoint = JSON.parse(printed.stdout) as SignedCheckpoint;
    expect(checkpoint).toMatchObject({ format: 'reorg-checkpoint/1', position: 7, algorithm: 'Ed25519' });
    expect(checkpoint.heads.map((h) => [h.streamId, h.version]).sort()).toEqual([[backend.a, 4], [backend.b, 3]].sort());
    expect(printed.stderr).toMatch(/^checkpoint: position 7\/7 \(100%\)/m);
    const file = join(dir, 'checkpoint.json');
    writeFileSync(file, printed.stdout);

    // The public key alone is enough to verify.
    const verified = await runCli(['verify', '--against', file], { ...backend.env, AUDIT_PUBLIC_KEY_FILE: keys.AUDIT_PUBLIC_KEY_FILE });
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`checkpoint of ${checkpoint.createdAt} at position 7 (key ${checkpoint.keyId}): the store extends it`);
  });

  it('a consistent rewrite passes plain verify but verify --against the earlier checkpoint exits 1 naming the divergence', async () => {
    const file = join(dir, 'checkpoint.json');
    await checkpointTo(file);
    await backend.forger.rewriteData(2, (data) => ({ ...data, name: 'Quan 2 (sửa)' }));

    expect((await runCli(['verify'], backend.env)).code).toBe(0);
    // Without AUDIT_PUBLIC_KEY_FILE the public half of the signing key is trusted.
    const against = await runCli(['verify', '--against', file, '--json'], { ...backend.env, AUDIT_SIGNING_KEY_FILE: keys.AUDIT_SIGNING_KEY_FILE });
    expect(against.code).toBe(1);
    expect(JSON.parse(against.stdout)).toMatchObject({
      ok: false,
      failures: [{ streamId: backend.a, version: 4, position: 6, reason: expect.stringMatching(/differs from the checkpoint’s head/) }],
      checkpoint: { position: 7, extended: false },
    });
  });

  it('refuses (exit 1) a checkpoint signed with a key other than the trusted one', async () => {
    const intruder = await runCli(['audit-keygen', '--out', join(dir, 'intruder')], {});
    const forged = join(dir, 'forged.json');
    await checkpointTo(forged, { AUDIT_SIGNING_KEY_FILE: join(dir, 'intruder', 'audit-signing-key.pem') });
    expect(intruder.code).toBe(0);

    const run = await runCli(['verify', '--against', forged], { ...backend.env, AUDIT_PUBLIC_KEY_FILE: keys.AUDIT_PUBLIC_KEY_FILE });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^refused: the checkpoint was not signed by the trusted key [0-9a-f]{64} \(it names key [0-9a-f]{64}\)$/m);
    expect(run.stdout).toBe('');

    // --public-key overrides the configured key: the intruder's own key accepts its checkpoint.
    const own = await runCli(['verify', '--against', forged, '--public-key', join(dir, 'intruder', 'audit-public-key.pem')], { ...backend.env, AUDIT_PUBLIC_KEY_FILE: keys.AUDIT_PUBLIC_KEY_FILE });
    expect(own.code).toBe(0);
  });

  it('exits 2 with a readable message when it cannot run: no signing key, no public key, no store file', async () => {
    const noKey = await runCli(['checkpoint'], backend.env);
    expect({ code: noKey.code, stderr: noKey.stderr.trim() }).toEqual({ code: 2, stderr: expect.stringMatching(/^error: signing a checkpoint needs AUDIT_SIGNING_KEY_FILE/) });

    const file = join(dir, 'checkpoint.json');
    await checkpointTo(file);
    const noPublic = await runCli(['verify', '--against', file], backend.env);
    expect({ code: noPublic.code, stderr: noPublic.stderr.trim() }).toEqual({ code: 2, stderr: expect.stringMatching(/needs the trusted public key/) });

    const noStore = await runCli(['verify'], { EVENT_STORE: 'sqlite', SQLITE_PATH: join(dir, 'missing.sqlite') });
    expect({ code: noStore.code, stderr: noStore.stderr.trim() }).toEqual({ code: 2, stderr: `error: there is no event store at SQLITE_PATH=${join(dir, 'missing.sqlite')}` });
  });
});
