import { type KeyObject, createHash, sign, verify } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../canonical';
import type { StreamHead } from '../types';
import { keyIdOf } from './audit-keys';

export const CHECKPOINT_FORMAT = 'reorg-checkpoint/1';

/** What a checkpoint asserts: at `position` the global chain's hash and every stream's head (docs/adr/0009). */
export interface CheckpointContent {
  position: number;
  /** The global chain's hash of the event at `position` (64 zeros for an empty log). */
  globalHash: string;
  /** Every stream's head at `position`, sorted by stream id (UTF-16 code units). */
  heads: StreamHead[];
  createdAt: string;
}

export interface SignedCheckpoint extends CheckpointContent {
  format: typeof CHECKPOINT_FORMAT;
  /** SHA-256 (hex) of the RFC 8785 form of the content. */
  digest: string;
  algorithm: 'Ed25519';
  /** SHA-256 (hex) of the signing key's public half (SPKI DER); informative, not signed. */
  keyId: string;
  /** Ed25519 signature (base64) over the 32 digest bytes. */
  signature: string;
}

/** A checkpoint that cannot be trusted: malformed, edited, or signed by another key. */
export class CheckpointRefused extends Error {}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');

const signedCheckpointSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  position: z.number().int().min(0),
  globalHash: hex64,
  heads: z.array(z.object({ streamId: z.string().min(1), version: z.number().int().min(1), hash: hex64 })),
  createdAt: z.iso.datetime(),
  digest: hex64,
  algorithm: z.literal('Ed25519'),
  keyId: hex64,
  signature: z.base64(),
});

const byStreamId = (a: StreamHead, b: StreamHead) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0);

export function checkpointDigest(content: CheckpointContent): string {
  const heads = content.heads.map(({ streamId, version, hash }) => ({ streamId, version, hash })).sort(byStreamId);
  const canonical = canonicalJson({ position: content.position, globalHash: content.globalHash, heads, createdAt: content.createdAt });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export function signCheckpoint(content: CheckpointContent, privateKey: KeyObject): SignedCheckpoint {
  const heads = [...content.heads].sort(byStreamId);
  const digest = checkpointDigest({ ...content, heads });
  return {
    format: CHECKPOINT_FORMAT,
    position: content.position,
    globalHash: content.globalHash,
    heads,
    createdAt: content.createdAt,
    digest,
    algorithm: 'Ed25519',
    keyId: keyIdOf(privateKey),
    signature: sign(null, Buffer.from(digest, 'hex'), privateKey).toString('base64'),
  };
}

/** Parses a checkpoint file's text, refusing any other shape. */
export function parseCheckpoint(text: string): SignedCheckpoint {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CheckpointRefused(`the checkpoint is not JSON: ${(error as Error).message}`);
  }
  const parsed = signedCheckpointSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CheckpointRefused(`the checkpoint is malformed: ${issue.path.join('.') || '(root)'} ${issue.message}`);
  }
  return parsed.data as SignedCheckpoint;
}

/** Refuses a checkpoint whose content was edited after signing or that the trusted key did not sign. */
export function verifyCheckpointSignature(checkpoint: SignedCheckpoint, publicKey: KeyObject): void {
  if (checkpointDigest(checkpoint) !== checkpoint.digest) throw new CheckpointRefused('the checkpoint’s digest does not match its content: it was edited after signing');
  const trusted = keyIdOf(publicKey);
  if (!verify(null, Buffer.from(checkpoint.digest, 'hex'), publicKey, Buffer.from(checkpoint.signature, 'base64'))) {
    const signer = checkpoint.keyId === trusted ? 'the signature is not valid' : `it names key ${checkpoint.keyId}`;
    throw new CheckpointRefused(`the checkpoint was not signed by the trusted key ${trusted} (${signer})`);
  }
}
