import { AsyncLocalStorage } from 'node:async_hooks';

/** The global positions a scope (one HTTP request) has written; read-your-writes waits for the highest. */
export class WrittenPositions {
  private highest = 0;

  note(lastPosition: number): void {
    if (lastPosition > this.highest) this.highest = lastPosition;
  }

  get last(): number {
    return this.highest;
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
