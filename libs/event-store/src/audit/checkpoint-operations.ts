import type { KeyObject } from 'node:crypto';
import type { EventStore } from '../event-store.port';
import type { VerificationReport } from '../verify';
import { type SignedCheckpoint, CheckpointRefused, signCheckpoint, verifyCheckpointSignature } from './checkpoint';
import { CheckpointExtension } from './checkpoint-extension';
import { verifyLog } from './verify-log';
import type { WalkProgress } from './walk-log';

export interface CheckpointOptions {
  onProgress?: (progress: WalkProgress) => void;
  now?: () => Date;
}

export interface CheckpointVerification extends VerificationReport {
  checkpoint: {
    position: number;
    createdAt: string;
    keyId: string;
    /** True when the log still holds, unchanged, everything the checkpoint recorded. */
    extended: boolean;
  };
}

/** Verifies the whole log, then signs its state at the last position walked; a broken log is never signed. */
export async function createCheckpoint(store: EventStore, privateKey: KeyObject, options: CheckpointOptions = {}): Promise<SignedCheckpoint> {
  const { report, verifier } = await verifyLog(store, { onProgress: options.onProgress });
  if (!report.ok) {
    const [failure] = report.failures;
    throw new CheckpointRefused(`the store does not verify, so no checkpoint is signed: stream ${failure.streamId} version ${failure.version} at position ${failure.position}: ${failure.reason}`);
  }
  const state = verifier.snapshot();
  return signCheckpoint({ ...state, createdAt: (options.now?.() ?? new Date()).toISOString() }, privateKey);
}

/**
 * Refuses a checkpoint the trusted key did not sign (CheckpointRefused), then verifies the store's
 * chains and that the store extends the checkpoint. `failures` lists the first broken link and the first divergence.
 */
export async function verifyAgainstCheckpoint(
  store: EventStore,
  checkpoint: SignedCheckpoint,
  publicKey: KeyObject,
  options: CheckpointOptions = {},
): Promise<CheckpointVerification> {
  verifyCheckpointSignature(checkpoint, publicKey);
  const extension = new CheckpointExtension(checkpoint);
  const { report } = await verifyLog(store, { onProgress: options.onProgress, observe: (event) => extension.accept(event) });
  // A broken chain stops the walk: what follows the break cannot count as extending the checkpoint.
  const divergence = report.ok ? extension.finish() : extension.diverged;
  const extended = report.ok && !divergence;
  return {
    ...report,
    ok: extended,
    failures: [...report.failures, ...(divergence ? [divergence] : [])],
    checkpoint: { position: checkpoint.position, createdAt: checkpoint.createdAt, keyId: checkpoint.keyId, extended },
  };
}
