import { generateKeyPairSync } from 'node:crypto';
import { type EventStore, GENESIS_HASH } from '@reorg/event-store';
import {
  CheckpointRefused,
  checkpointDigest,
  createCheckpoint,
  keyIdOf,
  signCheckpoint,
  verifyAgainstCheckpoint,
  verifyCheckpointSignature,
  verifyLog,
} from '@reorg/event-store/audit';
import { newEvent, rejectionOf, uniqueStream } from '../event-store/support';
import { AUDIT_BACKENDS, type AuditBackend, writeSampleLog } from './audit-backends';

const operatorKey = generateKeyPairSync('ed25519');
const intruderKey = generateKeyPairSync('ed25519');
const at = (iso: string) => () => new Date(iso);

describe.each(AUDIT_BACKENDS)('signed checkpoints (%s)', (_name, backendOf) => {
  let backend: AuditBackend;
  let store: EventStore;

  beforeEach(async () => {
    backend = await backendOf();
    store = await backend.open();
  });

  afterEach(async () => {
    await store.close();
    await backend.dispose();
  });

  it('signs the verified state: the position, the global hash of the event there and every stream head', async () => {
    const { a, b } = await writeSampleLog(store);
    const checkpoint = await createCheckpoint(store, operatorKey.privateKey, { now: at('2025-07-01T08:00:00.000Z') });
    const [last] = await store.readAllRaw({ after: 6 });
    expect(checkpoint).toMatchObject({ format: 'reorg-checkpoint/1', position: 7, globalHash: last.globalHash, createdAt: '2025-07-01T08:00:00.000Z', algorithm: 'Ed25519' });
    expect(checkpoint.heads).toEqual([...(await store.streamHeads())].sort((x, y) => (x.streamId < y.streamId ? -1 : 1)));
    expect(checkpoint.heads.map((h) => [h.streamId, h.version])).toEqual(expect.arrayContaining([[a, 4], [b, 3]]));
    expect(checkpoint.digest).toBe(checkpointDigest(checkpoint));
    expect(checkpoint.keyId).toBe(keyIdOf(operatorKey.publicKey));
    expect(() => verifyCheckpointSignature(checkpoint, operatorKey.publicKey)).not.toThrow();
  });

  it('proves that the store extends an earlier checkpoint after further appends', async () => {
    const { a } = await writeSampleLog(store);
    const checkpoint = await createCheckpoint(store, operatorKey.privateKey);
    await store.appendToStream(a, 4, [newEvent('UnitRenamed', { name: 'Quan 5' })]);
    await store.appendToStream(uniqueStream('unit'), 'no_stream', [newEvent('UnitRegistered', { name: 'Quan 6' })]);
    const result = await verifyAgainstCheckpoint(store, checkpoint, operatorKey.publicKey);
    expect(result).toMatchObject({ ok: true, events: 9, streams: 3, failures: [], checkpoint: { position: 7, extended: true, keyId: checkpoint.keyId } });
  });

  it('an empty store’s checkpoint (position 0) is extended by any valid log', async () => {
    const checkpoint = await createCheckpoint(store, operatorKey.privateKey);
    expect(checkpoint).toMatchObject({ position: 0, globalHash: GENESIS_HASH, heads: [] });
    await writeSampleLog(store);
    expect((await verifyAgainstCheckpoint(store, checkpoint, operatorKey.publicKey)).checkpoint.extended).toBe(true);
  });

  it('exposes a rewrite with every hash recomputed, which plain verification cannot see', async () => {
    const { a } = await writeSampleLog(store);
    const checkpoint = await createCheckpoint(store, operatorKey.privateKey);
    await store.appendToStream(a, 4, [newEvent('UnitRenamed', { name: 'Quan 5' })]);

    await backend.forger.rewriteData(2, (data) => ({ ...data, name: 'Quan 2 (sửa)' }));

    expect((await verifyLog(store)).report).toEqual({ ok: true, streams: 2, events: 8, failures: [] });
    const result = await verifyAgainstCheckpoint(store, checkpoint, operatorKey.publicKey);
    expect(result.ok).toBe(false);
    expect(result.checkpoint.extended).toBe(false);
    // A's head in the checkpoint is version 4 at position 6: the first recorded hash the rewrite changed.
    expect(result.failures).toEqual([{ streamId: a, version: 4, position: 6, reason: expect.stringMatching(/stream hash differs from the checkpoint’s head/) }]);
  });

  it('exposes a log rolled back behind the checkpoint, heads moved back so that the chains verify', async () => {
    await writeSampleLog(store);
    const checkpoint = await createCheckpoint(store, operatorKey.privateKey);

    await backend.forger.dropFrom(6);

    expect((await verifyLog(store)).report.ok).toBe(true);
    const result = await verifyAgainstCheckpoint(store, checkpoint, operatorKey.publicKey);
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([{ streamId: '', version: 0, position: 5, reason: expect.stringMatching(/log ends at position 5, before the checkpoint’s position 7/) }]);
  });

  it('refuses a checkpoint signed by another key: whoever can write the database cannot forge one', async () => {
    await writeSampleLog(store);
    const forged = await createCheckpoint(store, intruderKey.privateKey);
    const error = await rejectionOf(verifyAgainstCheckpoint(store, forged, operatorKey.publicKey));
    expect(error).toBeInstanceOf(CheckpointRefused);
    expect((error as Error).message).toMatch(new RegExp(`not signed by the trusted key ${keyIdOf(operatorKey.publicKey)} \\(it names key ${forged.keyId}\\)`));
  });

  it('refuses a genuine checkpoint edited to match a rewritten store, with or without a recomputed digest', async () => {
    await writeSampleLog(store);
    const genuine = await createCheckpoint(store, operatorKey.privateKey);
    await backend.forger.rewriteData(2, (data) => ({ ...data, name: 'Quan 2 (sửa)' }));
    const rewritten = await createCheckpoint(store, intruderKey.privateKey);
    const edited = { ...genuine, globalHash: rewritten.globalHash, heads: rewritten.heads };

    await expect(verifyAgainstCheckpoint(store, edited, operatorKey.publicKey)).rejects.toThrow(/digest does not match its content/);
    await expect(verifyAgainstCheckpoint(store, { ...edited, digest: checkpointDigest(edited) }, operatorKey.publicKey)).rejects.toThrow(/the signature is not valid/);
    // The key's owner could sign the rewritten state, and only the key's owner.
    expect((await verifyAgainstCheckpoint(store, signCheckpoint(edited, operatorKey.privateKey), operatorKey.publicKey)).ok).toBe(true);
  });

  it('never signs a store whose chains are broken', async () => {
    await writeSampleLog(store);
    await backend.tamperer.replaceInData(2, 'Quan 2', 'Quan 3');
    const error = await rejectionOf(createCheckpoint(store, operatorKey.privateKey));
    expect(error).toBeInstanceOf(CheckpointRefused);
    expect((error as Error).message).toMatch(/does not verify, so no checkpoint is signed: .* position 2: stream hash mismatch/);
  });

  it('reports a broken chain before the checkpoint’s position as a failure without a divergence of its own', async () => {
    const { a } = await writeSampleLog(store);
    const checkpoint = await createCheckpoint(store, operatorKey.privateKey);
    await backend.tamperer.deleteEvent(2);
    const result = await verifyAgainstCheckpoint(store, checkpoint, operatorKey.publicKey);
    expect(result).toMatchObject({ ok: false, checkpoint: { extended: false } });
    expect(result.failures).toEqual([{ streamId: a, version: 3, position: 3, reason: expect.stringMatching(/missing or out of order/) }]);
  });
});
