import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import {
  type AppendResult,
  DuplicateEventIdError,
  EventStoreWriterError,
  RecordedAtAheadError,
  RecordedAtClock,
  SqliteEventStore,
  VersionConflictError,
} from '@reorg/event-store';
import { waitFor } from '@reorg/testing';
import { type SqliteFixture, sqliteFixture } from './sqlite-fixture';
import { newEvent, newEvents, readEntireLog, uniqueStream, verifyStore } from './support';

/** The embedded store's writer thread (ADR 0027): what it must keep of the inline store's guarantees. */
describe('SQLite event store: the writer thread', () => {
  let fixture: SqliteFixture;
  let store: SqliteEventStore;

  beforeEach(async () => {
    fixture = await sqliteFixture();
    store = await fixture.open();
  });

  afterEach(async () => {
    await store.close();
    await fixture.dispose();
  });

  it('commits on its own connection with synchronous=FULL in WAL mode (the default writer)', async () => {
    expect(store.writerMode).toBe('worker');
    expect(await store.writerPragmas()).toEqual({ synchronous: 2, journalMode: 'wal' });
  });

  it('answers an append only once this thread reads it: every acknowledged append is read back at once', async () => {
    const writers = Array.from({ length: 20 }, async () => {
      for (let n = 0; n < 10; n += 1) {
        const stream = uniqueStream();
        const result = await store.appendToStream(stream, 'no_stream', newEvents(2));
        // No waitForPosition: the append's own answer is the promise that its commit is visible here.
        expect((await store.readStream(stream)).map((e) => e.position)).toEqual(result.streams[0].positions);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(result.lastPosition);
        expect(await store.globalHashAt(result.lastPosition)).toBeDefined();
      }
    });
    await Promise.all(writers);
    expect((await verifyStore(store)).ok).toBe(true);
  });

  it('rejects across the thread boundary with the same error classes, codes and fields', async () => {
    const stream = uniqueStream();
    const first = newEvent();
    await store.appendToStream(stream, 'no_stream', [first]);
    const conflict = await store.appendToStream(stream, 7, newEvents(1)).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(VersionConflictError);
    expect(conflict).toMatchObject({ code: 'VERSION_CONFLICT', streamId: stream, expectedVersion: 7, actualVersion: 1 });
    const duplicate = await store.appendToStream(uniqueStream(), 'no_stream', [{ ...newEvent(), eventId: first.eventId }]).catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(DuplicateEventIdError);
    expect(duplicate).toMatchObject({ code: 'DUPLICATE_EVENT_ID', eventId: first.eventId.toLowerCase() });
    // Atomic across streams: the conflicting second stream leaves the first unwritten.
    const untouched = uniqueStream();
    await expect(
      store.appendMultiple([
        { streamId: untouched, expectedVersion: 'no_stream', events: newEvents(1) },
        { streamId: stream, expectedVersion: 'no_stream', events: newEvents(1) },
      ]),
    ).rejects.toBeInstanceOf(VersionConflictError);
    expect(await store.readStream(untouched)).toEqual([]);
  });

  it('refuses with RecordedAtAheadError by the main thread clock, and the clock’s listeners hear it', async () => {
    await store.appendToStream(uniqueStream(), 'no_stream', newEvents(1));
    await store.close();
    let now = Date.now() - 60_000;
    const clock = new RecordedAtClock({ now: () => now, maxSkewMs: 5_000 });
    const refusals: RecordedAtAheadError[] = [];
    clock.onRefusal((error) => refusals.push(error));
    store = SqliteEventStore.open({ path: fixture.path, recordedAtClock: clock });
    const refused = await store.appendToStream(uniqueStream(), 'no_stream', newEvents(1)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RecordedAtAheadError);
    expect(refused).toMatchObject({ code: 'RECORDED_AT_AHEAD_OF_CLOCK', maxSkewMs: 5_000 });
    expect(refusals).toHaveLength(1);
    now = Date.now();
    const accepted = await store.appendToStream(uniqueStream(), 'no_stream', newEvents(1));
    expect(accepted.lastPosition).toBe(2);
  });

  it('answers every append made before close, and close leaves them durable', async () => {
    const appends = Array.from({ length: 100 }, () => store.appendToStream(uniqueStream(), 'no_stream', newEvents(1)));
    await store.close();
    const results = await Promise.all(appends);
    store = SqliteEventStore.open({ path: fixture.path });
    expect((await readEntireLog(store)).map((e) => e.position).sort((a, b) => a - b)).toEqual(results.map((r) => r.lastPosition).sort((a, b) => a - b));
  });

  it('keeps every acknowledged append across a crash of the writer thread, rejects what it held, and starts again', async () => {
    const acknowledged: { streamId: string; eventId: string; result: AppendResult }[] = [];
    const rejected: unknown[] = [];
    let crashed = false;
    const writers = Array.from({ length: 20 }, async () => {
      while (!crashed || acknowledged.length < 400) {
        const streamId = uniqueStream();
        const event = newEvent();
        try {
          acknowledged.push({ streamId, eventId: event.eventId, result: await store.appendToStream(streamId, 'no_stream', [event]) });
        } catch (error) {
          rejected.push(error);
        }
        if (!crashed && acknowledged.length >= 200) {
          crashed = true;
          // Whatever the thread holds at this instant: sent, hashed, being committed or on its way back.
          await store.crashWriterForTest();
        }
      }
    });
    await Promise.all(writers);

    expect(rejected.length).toBeGreaterThanOrEqual(1);
    for (const error of rejected) {
      expect(error).toBeInstanceOf(EventStoreWriterError);
      expect(error).toMatchObject({ code: 'EVENT_STORE_WRITER_STOPPED' });
    }
    expect(store.stats().writerRestarts).toBe(1);

    // A store opened afresh on the file (a process restarted after the crash) holds every acknowledged append.
    await store.close();
    store = SqliteEventStore.open({ path: fixture.path });
    const log = await readEntireLog(store);
    const byEventId = new Map(log.map((e) => [e.eventId, e]));
    for (const { streamId, eventId, result } of acknowledged) {
      expect(byEventId.get(eventId)).toMatchObject({ streamId, position: result.lastPosition });
    }
    expect((await verifyStore(store)).ok).toBe(true);
  });

  it('ends an idle writer (a store never closed holds no thread) and starts one for the next append', async () => {
    await store.close();
    store = SqliteEventStore.open({ path: fixture.path, writerIdleMs: 50 });
    const first = await store.appendToStream(uniqueStream(), 'no_stream', newEvents(1));
    await waitFor('the idle writer to end', () => store.stats().writerIdleRetirements >= 1);
    const stream = uniqueStream();
    const second = await store.appendToStream(stream, 'no_stream', newEvents(1));
    expect(second.lastPosition).toBe(first.lastPosition + 1);
    expect(await store.readStream(stream)).toHaveLength(1);
    expect(store.stats().writerRestarts).toBe(0);
  });

  it('refuses appends with a clear error when a restarted writer cannot open the store', async () => {
    await store.appendToStream(uniqueStream(), 'no_stream', newEvents(1));
    await store.crashWriterForTest();
    // The file is gone: the next writer would open an empty database without the store's tables.
    await rm(dirname(fixture.path), { recursive: true, force: true });
    const refused = await store.appendToStream(uniqueStream(), 'no_stream', newEvents(1)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EventStoreWriterError);
    expect(String((refused as Error).message)).toMatch(/could not open the store/);
    await expect(store.appendToStream(uniqueStream(), 'no_stream', newEvents(1))).rejects.toBeInstanceOf(EventStoreWriterError);
  });

  it('starts its writer in a process run with process-wide node flags (--max-old-space-size)', async () => {
    await store.close();
    const script = join(__dirname, 'scripts/append-once.ts');
    const flags = ['--max-old-space-size=512', '-r', '@swc-node/register'];
    const { stdout } = await promisify(execFile)(process.execPath, [...flags, script, fixture.path], { cwd: join(__dirname, '../../..') });
    expect(stdout.trim()).toBe('worker 1');
    store = await fixture.open();
    expect((await readEntireLog(store)).map((event) => event.data.flags)).toEqual([flags.join(' ')]);
  });
});

/**
 * A burst of appends, and a loop on this thread that yields to the event loop meanwhile: the longest
 * gap between its turns, as a share of the burst. Inline, the whole burst commits in one synchronous
 * block (the share is about 1); with the writer thread this thread only queues and answers.
 */
async function longestStallShare(store: SqliteEventStore, appends: number): Promise<{ share: number; turns: number }> {
  const started = performance.now();
  const burst = Promise.all(Array.from({ length: appends }, () => store.appendToStream(uniqueStream(), 'no_stream', newEvents(1))));
  let finished = false;
  void burst.finally(() => (finished = true));
  let last = performance.now();
  let longest = 0;
  let turns = 0;
  while (!finished) {
    await new Promise((resolve) => setImmediate(resolve));
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    turns += 1;
  }
  await burst;
  return { share: longest / (performance.now() - started), turns };
}

describe('SQLite event store: this thread’s event loop during a burst of appends', () => {
  let fixture: SqliteFixture;

  beforeEach(async () => {
    fixture = await sqliteFixture();
  });

  afterEach(() => fixture.dispose());

  it('keeps turning while the writer thread hashes and commits 3,000 appends', async () => {
    const store = SqliteEventStore.open({ path: fixture.path });
    try {
      await store.appendToStream(uniqueStream(), 'no_stream', newEvents(1));
      const { share, turns } = await longestStallShare(store, 3_000);
      expect(turns).toBeGreaterThanOrEqual(10);
      expect(share).toBeLessThan(0.5);
    } finally {
      await store.close();
    }
  });

  it('(the measure tells them apart: the inline writer stalls this thread for most of the burst)', async () => {
    // One batch for the whole burst: with the default 1,000 a busy machine may split it in three commits, each a third.
    const store = SqliteEventStore.open({ path: fixture.path, writer: 'inline', maxBatch: 5_000 });
    try {
      const { share } = await longestStallShare(store, 3_000);
      expect(share).toBeGreaterThan(0.5);
    } finally {
      await store.close();
    }
  });
});
