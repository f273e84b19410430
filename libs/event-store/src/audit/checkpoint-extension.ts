import type { RecordedEvent } from '../types';
import type { VerificationFailure } from '../verify';
import type { CheckpointContent } from './checkpoint';

/**
 * Follows a verified walk and checks that the log still extends a checkpoint: the event at the
 * checkpoint's position carries the same global hash, and every head it recorded is still there,
 * at or before that position, with the same hash. Keeps the first divergence.
 */
export class CheckpointExtension {
  private readonly pending = new Map<string, { version: number; hash: string }>();
  private globalSeen = false;
  private lastPosition = 0;
  private divergence: VerificationFailure | undefined;

  constructor(private readonly checkpoint: CheckpointContent) {
    for (const head of checkpoint.heads) this.pending.set(head.streamId, { version: head.version, hash: head.hash });
    this.globalSeen = checkpoint.position === 0;
  }

  get diverged(): VerificationFailure | undefined {
    return this.divergence;
  }

  accept(event: RecordedEvent): void {
    if (this.divergence) return;
    const { position } = this.checkpoint;
    this.lastPosition = event.position;
    if (!this.globalSeen && event.position > position) {
      this.diverge(event.streamId, event.version, event.position, `the log has no event at the checkpoint’s position ${position}`);
      return;
    }
    const head = this.pending.get(event.streamId);
    if (head && head.version === event.version) {
      const reason =
        event.position > position
          ? `the checkpoint’s head of this stream is now after its position ${position}`
          : head.hash !== event.hash
            ? `stream hash differs from the checkpoint’s head (${head.hash}): the stream up to it was rewritten`
            : undefined;
      if (reason) {
        this.diverge(event.streamId, event.version, event.position, reason);
        return;
      }
      this.pending.delete(event.streamId);
    }
    if (event.position === position) {
      this.globalSeen = true;
      if (event.globalHash !== this.checkpoint.globalHash) {
        this.diverge(event.streamId, event.version, event.position, `global hash differs from the checkpoint’s (${this.checkpoint.globalHash}): the log up to it was rewritten`);
      }
    }
  }

  /** After the whole log was walked: the first divergence, if any. */
  finish(): VerificationFailure | undefined {
    if (this.divergence) return this.divergence;
    if (!this.globalSeen) {
      return this.diverge('', 0, this.lastPosition, `the log ends at position ${this.lastPosition}, before the checkpoint’s position ${this.checkpoint.position}`);
    }
    const [streamId, missing] = [...this.pending][0] ?? [];
    if (streamId !== undefined && missing) {
      return this.diverge(streamId, missing.version, this.checkpoint.position, `the checkpoint’s head (version ${missing.version}) of this stream is no longer in the log`);
    }
    return undefined;
  }

  private diverge(streamId: string, version: number, position: number, reason: string): VerificationFailure {
    this.divergence = { streamId, version, position, reason };
    return this.divergence;
  }
}
