import { EventEmitter } from 'node:events';
import type { Subscription, SubscribeOptions } from './event-store.port';
import type { ReadAllOptions, RecordedEvent } from './types';

/** In-process signal that new events may be readable; cross-process writers are caught by polling. */
export class AppendSignal {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  notify(position: number): void {
    this.emitter.emit('appended', position);
  }

  /** Resolves on the next signal, after `timeoutMs`, or when aborted. */
  next(timeoutMs: number, abort: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.emitter.off('appended', done);
        abort.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.emitter.once('appended', done);
      abort.addEventListener('abort', done, { once: true });
    });
  }
}

export interface CatchUpSource {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  readonly signal: AppendSignal;
  readonly pollIntervalMs: number;
}

/**
 * Catch-up then live: reads after the checkpoint in batches, hands each batch to the handler and
 * waits for it, and only then moves the checkpoint. The source's readAll never returns an event
 * past one still being committed, so nothing is skipped and nothing is repeated.
 */
export function catchUpSubscription(
  source: CatchUpSource,
  handler: (events: RecordedEvent[]) => Promise<void>,
  options: SubscribeOptions,
): Subscription {
  const abort = new AbortController();
  const batchSize = options.batchSize ?? 500;
  let checkpoint = options.after;

  const run = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      const events = await source.readAll({ after: checkpoint, maxCount: batchSize });
      if (abort.signal.aborted) return;
      if (events.length === 0) {
        await source.signal.next(source.pollIntervalMs, abort.signal);
        continue;
      }
      await handler(events);
      checkpoint = events[events.length - 1].position;
    }
  };

  const done = run();
  done.catch(() => undefined);
  return {
    done,
    close: async () => {
      abort.abort();
      await done.catch(() => undefined);
    },
  };
}

/** Polls the safe head until it reaches the position. */
export async function waitForHead(
  headPosition: () => Promise<number>,
  signal: AppendSignal,
  position: number,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const abort = new AbortController();
  for (;;) {
    if ((await headPosition()) >= position) return true;
    const remaining = deadline - Date.now();
    if (remaining <= 0) return false;
    await signal.next(Math.min(remaining, 50), abort.signal);
  }
}
