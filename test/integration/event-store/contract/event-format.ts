import { GENESIS_HASH, type JsonValue, RecordedAtAheadError, eventHash, globalChainHash } from '@reorg/event-store';
import { newEvent, newEvents, readEntireLog, uniqueStream, verifyStore } from '../support';
import type { ContractContext } from './context';

const TRUONG_NFC = 'Trường'.normalize('NFC');
const TRUONG_NFD = 'Trường'.normalize('NFD');

export function describeEventFormat(context: ContractContext): void {
  describe('frozen event format', () => {
    it('chains every event to its stream predecessor and to the global predecessor', async () => {
      const store = await context.open();
      const [a, b] = [uniqueStream(), uniqueStream()];
      await store.appendToStream(a, 'no_stream', newEvents(2));
      await store.appendMultiple([
        { streamId: b, expectedVersion: 'no_stream', events: [newEvent('UnitRegistered', { name: 'Trường Tiểu học Kim Đồng', staff: 42, tags: ['a', 'b'] })] },
        { streamId: a, expectedVersion: 2, events: newEvents(1) },
      ]);
      const streamHashes = new Map<string, string>();
      let globalHash = GENESIS_HASH;
      const log = await readEntireLog(store, true);
      expect(log).toHaveLength(4);
      for (const event of log) {
        const expectedHash = eventHash(
          { ...event, data: event.data as JsonValue, metadata: event.metadata as unknown as JsonValue },
          streamHashes.get(event.streamId) ?? GENESIS_HASH,
        );
        expect(event.hash).toBe(expectedHash);
        expect(event.globalHash).toBe(globalChainHash(event.position, expectedHash, globalHash));
        streamHashes.set(event.streamId, event.hash);
        globalHash = event.globalHash;
      }
      expect(new Set(log.map((e) => e.hash)).size).toBe(4);
    });

    it('passes ChainVerifier on an intact store', async () => {
      const store = await context.open();
      const streams = Array.from({ length: 4 }, () => uniqueStream());
      await Promise.all(streams.map((stream) => store.appendToStream(stream, 'no_stream', newEvents(5))));
      await store.appendMultiple(streams.map((streamId) => ({ streamId, expectedVersion: 5, events: newEvents(1) })));
      const report = await verifyStore(store);
      expect(report).toEqual({ ok: true, streams: 4, events: 24, failures: [] });
    });

    it('stores text NFC-normalised (values and keys, data and metadata) and hashes that form', async () => {
      const store = await context.open();
      const stream = uniqueStream();
      const nfd = newEvent('UnitRenamed', { name: TRUONG_NFD, [TRUONG_NFD]: [TRUONG_NFD] }, { actor: TRUONG_NFD });
      await store.appendToStream(stream, 'no_stream', [nfd]);
      const [stored] = await store.readStream(stream);
      expect(stored.data).toEqual({ name: TRUONG_NFC, [TRUONG_NFC]: [TRUONG_NFC] });
      expect(stored.data.name).not.toBe(TRUONG_NFD);
      expect(stored.metadata.actor).toBe(TRUONG_NFC);
      const overNfc = eventHash(
        { ...stored, data: { name: TRUONG_NFC, [TRUONG_NFC]: [TRUONG_NFC] }, metadata: { ...stored.metadata, actor: TRUONG_NFC } as unknown as JsonValue },
        GENESIS_HASH,
      );
      expect(stored.hash).toBe(overNfc);
    });

    it('stores event ids in lower case', async () => {
      const store = await context.open();
      const event = newEvent();
      await store.appendToStream(uniqueStream(), 'no_stream', [{ ...event, eventId: event.eventId.toUpperCase() }]);
      const [stored] = await store.readAll();
      expect(stored.eventId).toBe(event.eventId.toLowerCase());
    });

    it('keeps caller metadata and sets schemaVersion 1 by default', async () => {
      const store = await context.open();
      const metadata = { actor: 'user-1', roles: ['clerk'], correlationId: 'c-1', causationId: 'k-1', effectiveDate: '2025-07-01' };
      await store.appendToStream(uniqueStream(), 'no_stream', [newEvent('UnitRegistered', { n: 1 }, metadata)]);
      const [stored] = await store.readAll();
      expect(stored.metadata).toMatchObject(metadata);
      expect(stored.schemaVersion).toBe(1);
      expect(stored.type).toBe('UnitRegistered');
    });
  });

  describe('recorded time', () => {
    it('assigns recordedAt from the store clock, ignoring one supplied by the caller', async () => {
      const now = Date.parse('2025-03-01T08:00:00.000Z');
      const store = await context.open({ clock: () => now });
      await store.appendToStream(uniqueStream(), 'no_stream', [newEvent('UnitRegistered', {}, { recordedAt: '1999-01-01T00:00:00.000Z' })]);
      const [stored] = await store.readAll();
      expect(stored.metadata.recordedAt).toBe('2025-03-01T08:00:00.000Z');
    });

    it('never lets recordedAt decrease with the position when the clock steps back within the allowed skew', async () => {
      let now = Date.parse('2025-03-01T08:00:00.000Z');
      const store = await context.open({ clock: () => now, maxClockSkewMs: 5_000 });
      const stream = uniqueStream();
      await store.appendToStream(stream, 'no_stream', newEvents(1));
      now -= 1_000;
      await store.appendToStream(stream, 1, newEvents(1));
      now -= 4_000;
      await store.appendToStream(uniqueStream(), 'no_stream', newEvents(1));
      now = Date.parse('2025-03-01T09:30:00.000Z');
      await store.appendToStream(stream, 2, newEvents(1));
      const recorded = (await store.readAll()).map((e) => e.metadata.recordedAt);
      expect(recorded).toEqual(['2025-03-01T08:00:00.000Z', '2025-03-01T08:00:00.000Z', '2025-03-01T08:00:00.000Z', '2025-03-01T09:30:00.000Z']);
      expect((await verifyStore(store)).ok).toBe(true);
    });

    it('refuses to append, rather than stamp a time from the future, when the log leads the clock beyond the skew', async () => {
      let now = Date.parse('2025-03-01T08:00:00.000Z');
      const store = await context.open({ clock: () => now, maxClockSkewMs: 5_000 });
      await store.appendToStream(uniqueStream(), 'no_stream', newEvents(1));
      now -= 5_001;
      const refused = store.appendToStream(uniqueStream(), 'no_stream', newEvents(1));
      await expect(refused).rejects.toBeInstanceOf(RecordedAtAheadError);
      await expect(refused).rejects.toThrow(/2025-03-01T08:00:00.000Z is more than 5 s ahead/);
      expect(await store.headPosition()).toBe(1);
      now += 5_001;
      await store.appendToStream(uniqueStream(), 'no_stream', newEvents(1));
      expect((await store.readAll()).map((e) => e.metadata.recordedAt)).toEqual(['2025-03-01T08:00:00.000Z', '2025-03-01T08:00:00.000Z']);
    });

    it('refuses after a re-open with a clock far behind the log, and continues from it within the skew', async () => {
      const first = await context.open({ clock: () => Date.parse('2025-03-01T08:00:00.000Z') });
      await first.appendToStream(uniqueStream(), 'no_stream', newEvents(1));
      await context.close(first);
      const behind = await context.open({ clock: () => Date.parse('2025-02-01T00:00:00.000Z') });
      await expect(behind.appendToStream(uniqueStream(), 'no_stream', newEvents(1))).rejects.toBeInstanceOf(RecordedAtAheadError);
      await context.close(behind);
      const slightlyBehind = await context.open({ clock: () => Date.parse('2025-03-01T07:59:58.000Z') });
      await slightlyBehind.appendToStream(uniqueStream(), 'no_stream', newEvents(1));
      const recorded = (await slightlyBehind.readAll()).map((e) => e.metadata.recordedAt);
      expect(recorded).toEqual(['2025-03-01T08:00:00.000Z', '2025-03-01T08:00:00.000Z']);
    });
  });
}
