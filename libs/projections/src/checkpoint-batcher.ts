import type { CheckpointMark } from './checkpoints';

/**
 * Moves the checkpoints of projections past batches they do not handle. Those moves change no row,
 * so the moves of every projection that asks in the same turn of the event loop share one
 * transaction (one commit instead of one per projection); each caller resumes once it committed.
 */
export class CheckpointBatcher {
  private pending = new Map<string, CheckpointMark>();
  private waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;

  constructor(private readonly commit: (moves: ReadonlyMap<string, CheckpointMark>) => Promise<void>) {}

  move(name: string, mark: CheckpointMark): Promise<void> {
    const pending = this.pending.get(name);
    if (!pending || pending.position < mark.position) this.pending.set(name, mark);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const moves = this.pending;
    const waiting = this.waiting;
    this.pending = new Map();
    this.waiting = [];
    this.scheduled = false;
    try {
      await this.commit(moves);
      for (const waiter of waiting) waiter.resolve();
    } catch (error) {
      for (const waiter of waiting) waiter.reject(error);
    }
  }
}
