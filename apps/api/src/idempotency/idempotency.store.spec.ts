import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProblemException, type ProblemCode } from '@reorg/http';
import { initializeReadModelDataSource, readModelDataSourceOptions, type ReadModelDatabaseOptions } from '@reorg/projections';
import { DataSource } from 'typeorm';
import { IdempotencyRecord } from '@reorg/projections';
import { IdempotencyStore, type IdempotencyTiming } from './idempotency.store';

describe('IdempotencyStore (real SQLite file)', () => {
  let dir: string;
  let store: IdempotencyStore;

  async function open(timing: IdempotencyTiming): Promise<IdempotencyStore> {
    const database: ReadModelDatabaseOptions = { kind: 'sqlite', sqlitePath: join(dir, 'keys.sqlite') };
    return new IdempotencyStore(await initializeReadModelDataSource(new DataSource(readModelDataSourceOptions(database, [IdempotencyRecord])), database), timing);
  }

  async function codeOf(promise: Promise<unknown>): Promise<ProblemCode | undefined> {
    try {
      await promise;
      return undefined;
    } catch (error) {
      if (error instanceof ProblemException) return error.code;
      throw error;
    }
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'idem-'));
    store = await open({ waitMs: 200, pollMs: 10, staleMs: 60_000 });
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('claims a fresh key, then replays the completed response to the same request', async () => {
    const claim = await store.claim('alice', 'k1', 'hash-a');
    expect(claim.kind).toBe('claimed');
    if (claim.kind !== 'claimed') return;
    await store.complete(claim, 201, { id: 'x' });
    expect(await store.claim('alice', 'k1', 'hash-a')).toEqual({ kind: 'replay', status: 201, body: { id: 'x' } });
    expect(await codeOf(store.claim('alice', 'k1', 'hash-b'))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await store.claim('bob', 'k1', 'hash-b')).kind).toBe('claimed');
  });

  it('lets a released key be claimed again, and answers 409 CONFLICT while the first request still runs', async () => {
    const claim = await store.claim('alice', 'k2', 'hash-a');
    expect(await codeOf(store.claim('alice', 'k2', 'hash-a'))).toBe('CONFLICT');
    if (claim.kind === 'claimed') await store.release(claim);
    expect((await store.claim('alice', 'k2', 'hash-a')).kind).toBe('claimed');
  });

  it('waits for a running first request and replays its response', async () => {
    // Waits long enough for the first request to finish however busy the machine is.
    await store.close();
    store = await open({ waitMs: 20_000, pollMs: 10, staleMs: 60_000 });
    const claim = await store.claim('alice', 'k3', 'hash-a');
    const repeat = store.claim('alice', 'k3', 'hash-a');
    if (claim.kind === 'claimed') setTimeout(() => void store.complete(claim, 200, { ok: true }), 30);
    expect(await repeat).toEqual({ kind: 'replay', status: 200, body: { ok: true } });
  });

  it('takes over a claim whose process died (older than staleMs)', async () => {
    await store.claim('alice', 'k4', 'hash-a');
    await store.close();
    store = await open({ waitMs: 200, pollMs: 10, staleMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await store.claim('alice', 'k4', 'hash-a')).kind).toBe('claimed');
  });

  it('keeps a renewed claim of a running request from being taken over, and lets it go once renewals stop', async () => {
    await store.close();
    // Renewed 20 times per stale period (a busy machine delays timers), and waited for beyond it.
    store = await open({ waitMs: 5_000, pollMs: 10, staleMs: 1_000 });
    const claim = await store.claim('alice', 'k5', 'hash-a');
    if (claim.kind !== 'claimed') throw new Error('not claimed');
    const renewing = setInterval(() => void store.renew(claim), 50);
    try {
      expect(await codeOf(store.claim('alice', 'k5', 'hash-a'))).toBe('CONFLICT');
    } finally {
      clearInterval(renewing);
    }
    expect((await store.claim('alice', 'k5', 'hash-a')).kind).toBe('claimed');
  });
});
