import { DuplicateEventIdError, type ExpectedVersion, VersionConflictError } from '@reorg/event-store';
import { isStrictlyIncreasing, newEvent, newEvents, readEntireLog, rejectionOf, uniqueStream } from '../support';
import type { ContractContext } from './context';

export function describeAppending(context: ContractContext): void {
  describe('appending with an expected version', () => {
    it('creates a stream with no_stream and reports its version and positions', async () => {
      const store = await context.open();
      const stream = uniqueStream();
      const result = await store.appendToStream(stream, 'no_stream', newEvents(3));
      expect(result.streams).toEqual([{ streamId: stream, nextExpectedVersion: 3, positions: [1, 2, 3] }]);
      expect(result.lastPosition).toBe(3);
      expect(result.idempotentReplay).toBe(false);
      expect((await store.readStream(stream)).map((e) => e.version)).toEqual([1, 2, 3]);
    });

    it('appends with the exact current version and continues the stream', async () => {
      const store = await context.open();
      const stream = uniqueStream();
      await store.appendToStream(stream, 'no_stream', newEvents(2));
      const result = await store.appendToStream(stream, 2, newEvents(2));
      expect(result.streams[0].nextExpectedVersion).toBe(4);
      expect((await store.readStream(stream)).map((e) => e.version)).toEqual([1, 2, 3, 4]);
    });

    it('accepts stream_exists only for an existing stream and any always', async () => {
      const store = await context.open();
      const stream = uniqueStream();
      await store.appendToStream(stream, 'any', newEvents(1));
      await store.appendToStream(stream, 'stream_exists', newEvents(1));
      await store.appendToStream(stream, 'any', newEvents(1));
      expect((await store.readStream(stream)).map((e) => e.version)).toEqual([1, 2, 3]);
    });

    const conflicts: Array<[string, number, ExpectedVersion]> = [
      ['an exact version behind the stream', 3, 2],
      ['an exact version ahead of the stream', 3, 4],
      ['no_stream on an existing stream', 3, 'no_stream'],
      ['stream_exists on a missing stream', 0, 'stream_exists'],
      ['an exact version on a missing stream', 0, 1],
    ];
    it.each(conflicts)('rejects %s with a VersionConflictError and writes nothing', async (_case, existing, expected) => {
      const store = await context.open();
      const stream = uniqueStream();
      if (existing > 0) await store.appendToStream(stream, 'no_stream', newEvents(existing));
      const error = await rejectionOf(store.appendToStream(stream, expected, newEvents(2)));
      expect(error).toBeInstanceOf(VersionConflictError);
      expect(error).toMatchObject({ code: 'VERSION_CONFLICT', streamId: stream, expectedVersion: expected, actualVersion: existing });
      expect(await store.readStream(stream)).toHaveLength(existing);
      expect(await store.headPosition()).toBe(existing);
    });

    it('lets exactly one of several concurrent writers with the same expected version win', async () => {
      const store = await context.open();
      const stream = uniqueStream();
      await store.appendToStream(stream, 'no_stream', newEvents(1));
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => store.appendToStream(stream, 1, newEvents(1))));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason as unknown);
      expect(losers).toHaveLength(9);
      for (const error of losers) expect(error).toMatchObject({ code: 'VERSION_CONFLICT', expectedVersion: 1, actualVersion: 2 });
      expect((await store.readStream(stream)).map((e) => e.version)).toEqual([1, 2]);
    });

    it('rejects an event id that is already stored with a DuplicateEventIdError and writes nothing', async () => {
      const store = await context.open();
      const first = newEvent();
      await store.appendToStream(uniqueStream(), 'no_stream', [first]);
      const other = uniqueStream();
      const error = await rejectionOf(store.appendToStream(other, 'no_stream', [newEvent(), { ...first }]));
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect(error).toMatchObject({ code: 'DUPLICATE_EVENT_ID', eventId: first.eventId });
      expect(await store.readStream(other)).toEqual([]);
      expect(await readEntireLog(store)).toHaveLength(1);
    });
  });

  describe('atomic append to several streams', () => {
    it('writes every stream with its own expected version in one append', async () => {
      const store = await context.open();
      const [a, b, c] = [uniqueStream(), uniqueStream(), uniqueStream()];
      await store.appendToStream(b, 'no_stream', newEvents(2));
      const result = await store.appendMultiple([
        { streamId: a, expectedVersion: 'no_stream', events: newEvents(2) },
        { streamId: b, expectedVersion: 2, events: newEvents(1) },
        { streamId: c, expectedVersion: 'any', events: newEvents(1) },
      ]);
      expect(result.streams.map((s) => [s.streamId, s.nextExpectedVersion, s.positions.length])).toEqual([
        [a, 2, 2],
        [b, 3, 1],
        [c, 1, 1],
      ]);
      const positions = result.streams.flatMap((s) => s.positions);
      expect(isStrictlyIncreasing(positions)).toBe(true);
      expect(result.lastPosition).toBe(Math.max(...positions));
      const log = await readEntireLog(store);
      expect(log.slice(2).map((e) => [e.streamId, e.version, e.position])).toEqual([
        [a, 1, positions[0]],
        [a, 2, positions[1]],
        [b, 3, positions[2]],
        [c, 1, positions[3]],
      ]);
    });

    it('writes nothing in any stream when one stream conflicts', async () => {
      const store = await context.open();
      const [a, b, c] = [uniqueStream(), uniqueStream(), uniqueStream()];
      await store.appendToStream(b, 'no_stream', newEvents(1));
      const headBefore = await store.headPosition();
      const error = await rejectionOf(
        store.appendMultiple([
          { streamId: a, expectedVersion: 'no_stream', events: newEvents(2) },
          { streamId: b, expectedVersion: 5, events: newEvents(1) },
          { streamId: c, expectedVersion: 'any', events: newEvents(1) },
        ]),
      );
      expect(error).toBeInstanceOf(VersionConflictError);
      expect(error).toMatchObject({ streamId: b, expectedVersion: 5, actualVersion: 1 });
      expect(await store.readStream(a)).toEqual([]);
      expect(await store.readStream(c)).toEqual([]);
      expect(await store.readStream(b)).toHaveLength(1);
      expect(await store.headPosition()).toBe(headBefore);
      expect((await store.streamHeads()).map((h) => h.streamId)).toEqual([b]);
      const next = await store.appendToStream(a, 'no_stream', newEvents(1));
      expect(next.streams[0].nextExpectedVersion).toBe(1);
    });
  });
}
