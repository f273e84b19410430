import { EventEmitter } from 'node:events';
import type { Subscription, SubscribeOptions } from './event-store.port';
import type { ReadAllOptions, RecordedEvent } from './types';

/** In-process signal that new events may be readable; cross-process writers are caught by polling. */
export class AppendSignal {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private notified = 0;

  /** How many times appends were signalled: tells a read started before the last append from one after it. */
  get generation(): number {
    return this.notified;
  }

  notify(position: number): void {
    this.notified += 1;
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
 * Subscriptions woken by the same append read the same page: a read is shared with the readers that
 * ask for the same page before the next append signal and within the same turn of the event loop,
 * instead of each querying and decoding it again. Any answer to readAll(after) is a gap-free prefix
 * of the log, so a shared one is as correct as a fresh one; a read that started before the latest
 * signal is not shared (it may miss what that signal announced), nor is an empty page.
 */
const sharedPages = new WeakMap<CatchUpSource, Map<string, { generation: number; page: Promise<RecordedEvent[]> }>>();

function readShared(source: CatchUpSource, options: Required<Pick<ReadAllOptions, 'after' | 'maxCount'>>): Promise<RecordedEvent[]> {
  let pages = sharedPages.get(source);
  if (!pages) {
    pages = new Map();
    sharedPages.set(source, pages);
  }
  const key = `${options.after}:${options.maxCount}`;
  const generation = source.signal.generation;
  const shared = pages.get(key);
  if (shared?.generation === generation) return shared.page;
  // Frozen: several handlers get the same array.
  const page = source.readAll(options).then((events) => Object.freeze(events) as RecordedEvent[]);
  pages.set(key, { generation, page });
  const forget = () => {
    if (pages.get(key)?.page === page) pages.delete(key);
  };
  page.then((events) => (events.length === 0 ? forget() : setImmediate(forget)), forget);
  return page;
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
      const generation = source.signal.generation;
      const events = await readShared(source, { after: checkpoint, maxCount: batchSize });
      if (abort.signal.aborted) return;
      if (events.length === 0) {
        // An append signalled while the page was read may not be in it: read again rather than wait.
        if (source.signal.generation === generation) await source.signal.next(source.pollIntervalMs, abort.signal);
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
