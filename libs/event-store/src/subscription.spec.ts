import { waitFor } from '@reorg/testing';
import { AppendSignal, type CatchUpSource, catchUpSubscription } from './subscription';
import type { ReadAllOptions, RecordedEvent } from './types';

const event = (position: number) => ({ position, type: 'Tested', data: {}, metadata: {} }) as unknown as RecordedEvent;

/** Counts the subscriptions waiting for the next append. */
class CountingSignal extends AppendSignal {
  waiting = 0;

  override next(timeoutMs: number, abort: AbortSignal): Promise<void> {
    this.waiting += 1;
    return super.next(timeoutMs, abort).finally(() => (this.waiting -= 1));
  }
}

/** Longer than any wait below: whatever a subscription sees within one came from an append, not a poll. */
const POLL_INTERVAL_MS = 600_000;
const WAIT_MS = 20_000;

/** An in-memory log whose reads can be held open, to interleave them with appends. */
class MemoryLog implements CatchUpSource {
  readonly signal = new CountingSignal();
  readonly pollIntervalMs = POLL_INTERVAL_MS;
  readonly events: RecordedEvent[] = [];
  /** The `after` of every read, in order. */
  readonly reads: number[] = [];
  hold: Promise<void> | undefined;

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.reads.push(options.after ?? 0);
    const page = this.events.filter((e) => e.position > (options.after ?? 0)).slice(0, options.maxCount);
    await this.hold;
    return page;
  }

  append(...positions: number[]): void {
    this.events.push(...positions.map(event));
    this.signal.notify(positions.at(-1) ?? 0);
  }
}

function follow(log: MemoryLog) {
  const seen: number[] = [];
  const subscription = catchUpSubscription(log, async (events) => void seen.push(...events.map((e) => e.position)), { after: 0 });
  return { seen, subscription };
}

async function until(condition: () => boolean): Promise<void> {
  await waitFor('the condition', condition, { timeoutMs: WAIT_MS, intervalMs: 5 }).catch(() => undefined);
  expect(condition()).toBe(true);
}

describe('catchUpSubscription page sharing', () => {
  it('reads a page once for all the subscriptions woken by the same append', async () => {
    const log = new MemoryLog();
    const a = follow(log);
    const b = follow(log);
    const c = follow(log);
    await until(() => log.signal.waiting === 3); // all three wait for an append
    const before = log.reads.length;
    log.append(1, 2);
    await until(() => [a, b, c].every((s) => s.seen.length === 2));
    expect(log.reads.slice(before).filter((after) => after === 0)).toHaveLength(1);
    expect([a.seen, b.seen, c.seen]).toEqual([[1, 2], [1, 2], [1, 2]]);
    await Promise.all([a, b, c].map((s) => s.subscription.close()));
  });

  it('does not hand a read started before an append to a subscription woken by that append', async () => {
    const log = new MemoryLog();
    let release!: () => void;
    log.hold = new Promise((resolve) => (release = resolve));
    const early = follow(log); // its read of the empty log is held open
    await until(() => log.reads.length === 1);
    log.append(1);
    log.hold = undefined;
    const late = follow(log); // must see 1 at once, not wait for a poll (10 minutes here)
    await until(() => late.seen.length === 1);
    release(); // the early read answers empty, but an append came meanwhile: it reads again
    await until(() => early.seen.length === 1);
    expect([early.seen, late.seen]).toEqual([[1], [1]]);
    await Promise.all([early.subscription.close(), late.subscription.close()]);
  });
});
