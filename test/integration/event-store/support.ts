import { randomUUID } from 'node:crypto';
import {
  type AppendResult,
  ChainVerifier,
  type EventMetadataInput,
  type EventStore,
  type JsonObject,
  type NewEvent,
  type RecordedEvent,
  type UpcasterRegistry,
  type VerificationReport,
} from '@reorg/event-store';
import { PATIENCE_MS, waitFor } from '@reorg/testing';

export interface StoreOptions {
  clock?: () => number;
  maxClockSkewMs?: number;
  upcasters?: UpcasterRegistry;
}

/** One throwaway database (a temp file, a schema) that stores can be opened and re-opened on. */
export interface StoreFixture {
  open(options?: StoreOptions): Promise<EventStore>;
  dispose(): Promise<void>;
}

export type StoreFixtureFactory = () => Promise<StoreFixture>;

/**
 * The port lets the global log lag behind a resolved append (PostgreSQL reads only below the
 * oldest write transaction in the whole cluster), so readers of their own writes wait for the
 * position first, as application code must.
 */
export function readingOwnWrites<Store extends EventStore>(store: Store): Store {
  const settle = async (result: AppendResult): Promise<AppendResult> => {
    if (!(await store.waitForPosition(result.lastPosition, PATIENCE_MS))) {
      throw new Error(`position ${result.lastPosition} of a resolved append never became readable`);
    }
    return result;
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'appendToStream') {
        return (...args: Parameters<EventStore['appendToStream']>) => target.appendToStream(...args).then(settle);
      }
      if (property === 'appendMultiple') {
        return (...args: Parameters<EventStore['appendMultiple']>) => target.appendMultiple(...args).then(settle);
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function newEvent(type = 'UnitRegistered', data: JsonObject = {}, metadata?: EventMetadataInput): NewEvent {
  return { eventId: randomUUID(), type, data, ...(metadata ? { metadata } : {}) };
}

export function newEvents(count: number, type = 'UnitRegistered'): NewEvent[] {
  return Array.from({ length: count }, (_, index) => newEvent(type, { index }));
}

export function uniqueStream(prefix = 'unit'): string {
  return `${prefix}-${randomUUID()}`;
}

export async function readEntireLog(store: EventStore, raw = false): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (;;) {
    const after = all.length ? all[all.length - 1].position : 0;
    const batch = raw ? await store.readAllRaw({ after, maxCount: 1000 }) : await store.readAll({ after, maxCount: 1000 });
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

export async function verifyStore(store: EventStore): Promise<VerificationReport> {
  const verifier = new ChainVerifier();
  for (const event of await readEntireLog(store, true)) {
    if (!verifier.accept(event)) break;
  }
  return verifier.finish(await store.streamHeads());
}

/** Resolves once the predicate holds; fails with the description after a generous bound. */
export async function eventually(description: string, predicate: () => boolean | Promise<boolean>, timeoutMs = PATIENCE_MS): Promise<void> {
  await waitFor(description, predicate, { timeoutMs, intervalMs: 10 });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The rejection of a promise that must reject. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

export function isStrictlyIncreasing(values: number[]): boolean {
  return values.every((value, index) => index === 0 || value > values[index - 1]);
}
