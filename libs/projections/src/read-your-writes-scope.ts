import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The global positions a scope (one HTTP request) has written, and how to wait until the read
 * models include them: read-your-writes, for the answer and for any query the same request sends.
 */
export class WrittenPositions {
  private highest = 0;
  private settled = 0;

  constructor(private readonly waitFor: (position: number) => Promise<void> = async () => undefined) {}

  note(lastPosition: number): void {
    if (lastPosition > this.highest) this.highest = lastPosition;
  }

  get last(): number {
    return this.highest;
  }

  /** Waits until the read models include every write noted so far (once per position). */
  async settle(): Promise<void> {
    const target = this.highest;
    if (target <= this.settled) return;
    await this.waitFor(target);
    if (target > this.settled) this.settled = target;
  }
}

const scopes = new AsyncLocalStorage<WrittenPositions>();

/** Runs `work` in a scope that collects the positions of every command it commits (see CommandPipeline). */
export function collectWrittenPositions<T>(positions: WrittenPositions, work: () => T): T {
  return scopes.run(positions, work);
}

/** Called by the pipeline after each commit; outside a scope (executor, CLI, tests) nobody waits, so nothing is noted. */
export function noteWrittenPosition(lastPosition: number): void {
  scopes.getStore()?.note(lastPosition);
}

/** Called before a read-model query: in the scope of a write, the query sees it. */
export function settleWrittenPositions(): Promise<void> {
  return scopes.getStore()?.settle() ?? Promise.resolve();
}
