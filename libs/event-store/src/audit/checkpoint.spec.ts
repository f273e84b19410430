import { generateKeyPairSync } from 'node:crypto';
import { GENESIS_HASH, eventHash, globalChainHash } from '../canonical';
import type { RecordedEvent } from '../types';
import { CheckpointRefused, checkpointDigest, parseCheckpoint, signCheckpoint, verifyCheckpointSignature } from './checkpoint';
import { CheckpointExtension } from './checkpoint-extension';

/** A valid log from [streamId, position] pairs, versions counted per stream. */
function chain(layout: Array<[string, number]>): RecordedEvent[] {
  const heads = new Map<string, { version: number; hash: string }>();
  let previousGlobal = GENESIS_HASH;
  return layout.map(([streamId, position], index) => {
    const previous = heads.get(streamId) ?? { version: 0, hash: GENESIS_HASH };
    const fields = { eventId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, streamId, version: previous.version + 1, type: 'UnitRenamed', schemaVersion: 1, data: { index }, metadata: { recordedAt: '2025-07-01T00:00:00.000Z' } };
    const hash = eventHash(fields, previous.hash);
    const globalHash = globalChainHash(position, hash, previousGlobal);
    heads.set(streamId, { version: fields.version, hash });
    previousGlobal = globalHash;
    return { ...fields, position, hash, globalHash } as RecordedEvent;
  });
}

function checkpointOf(events: RecordedEvent[], position: number) {
  const upTo = events.filter((e) => e.position <= position);
  const heads = new Map(upTo.map((e) => [e.streamId, { streamId: e.streamId, version: e.version, hash: e.hash }]));
  return { position, globalHash: upTo.at(-1)?.globalHash ?? GENESIS_HASH, heads: [...heads.values()], createdAt: '2025-07-01T08:00:00.000Z' };
}

function extend(checkpoint: ReturnType<typeof checkpointOf>, events: RecordedEvent[]) {
  const extension = new CheckpointExtension(checkpoint);
  events.forEach((event) => extension.accept(event));
  return extension.finish();
}

const key = generateKeyPairSync('ed25519');

describe('checkpoint digest and signature', () => {
  const log = chain([['a', 1], ['b', 2], ['a', 3]]);

  it('digests the same content the same way whatever the order of the heads', () => {
    const content = checkpointOf(log, 3);
    expect(checkpointDigest({ ...content, heads: [...content.heads].reverse() })).toBe(checkpointDigest(content));
    expect(checkpointDigest({ ...content, position: 2 })).not.toBe(checkpointDigest(content));
  });

  it('round-trips through its JSON text and verifies with the signer’s public key', () => {
    const signed = signCheckpoint(checkpointOf(log, 3), key.privateKey);
    const parsed = parseCheckpoint(JSON.stringify(signed));
    expect(parsed).toEqual(signed);
    expect(() => verifyCheckpointSignature(parsed, key.publicKey)).not.toThrow();
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['another format', JSON.stringify({ format: 'other' }), /malformed: format/],
    ['a short hash', JSON.stringify({ ...signCheckpoint(checkpointOf(log, 3), key.privateKey), globalHash: 'abc' }), /malformed: globalHash must be 64 lower-case hex digits/],
  ])('refuses a checkpoint file that is %s', (_case, text, message) => {
    expect(() => parseCheckpoint(text)).toThrow(CheckpointRefused);
    expect(() => parseCheckpoint(text)).toThrow(message);
  });

  it('refuses a signature over a different digest', () => {
    const signed = signCheckpoint(checkpointOf(log, 3), key.privateKey);
    const other = signCheckpoint(checkpointOf(log, 2), key.privateKey);
    expect(() => verifyCheckpointSignature({ ...signed, signature: other.signature }, key.publicKey)).toThrow(/the signature is not valid/);
  });
});

describe('CheckpointExtension', () => {
  const log = chain([['a', 1], ['b', 2], ['a', 4], ['c', 7], ['b', 9]]);

  it('accepts the log it was taken from and any valid continuation', () => {
    expect(extend(checkpointOf(log, 4), log.slice(0, 3))).toBeUndefined();
    expect(extend(checkpointOf(log, 4), log)).toBeUndefined();
    expect(extend(checkpointOf(log, 0), log)).toBeUndefined();
  });

  it('reports a log that ends before the checkpoint’s position', () => {
    expect(extend(checkpointOf(log, 7), log.slice(0, 3))).toEqual({ streamId: '', version: 0, position: 4, reason: expect.stringMatching(/ends at position 4, before the checkpoint’s position 7/) });
  });

  it('reports a log with no event at the checkpoint’s position (the gap filled differently)', () => {
    const renumbered = chain([['a', 1], ['b', 2], ['a', 5], ['c', 7]]);
    expect(extend(checkpointOf(log, 4), renumbered)).toMatchObject({ streamId: 'a', version: 2, position: 5, reason: expect.stringMatching(/no event at the checkpoint’s position 4/) });
  });

  it('reports a log rewritten up to the checkpoint’s position (an event moved behind it)', () => {
    const moved = chain([['a', 1], ['c', 2], ['b', 3], ['a', 4]]);
    expect(extend(checkpointOf(log, 2), moved)).toMatchObject({ streamId: 'c', version: 1, position: 2, reason: expect.stringMatching(/global hash differs/) });
  });

  it('reports a checkpoint head found only after the checkpoint’s position', () => {
    const checkpoint = { ...checkpointOf(log, 2), heads: [...checkpointOf(log, 2).heads, { streamId: 'c', version: 1, hash: log[3].hash }] };
    expect(extend(checkpoint, log)).toMatchObject({ streamId: 'c', version: 1, position: 7, reason: expect.stringMatching(/now after its position 2/) });
  });

  it('reports a checkpoint head missing from a log that otherwise reaches the position', () => {
    const withoutB = chain([['a', 1], ['a', 2], ['a', 4]]);
    const checkpoint = { ...checkpointOf(withoutB, 4), heads: [...checkpointOf(withoutB, 4).heads, { streamId: 'b', version: 1, hash: log[1].hash }] };
    expect(extend(checkpoint, withoutB)).toMatchObject({ streamId: 'b', version: 1, position: 4, reason: expect.stringMatching(/no longer in the log/) });
  });
});
