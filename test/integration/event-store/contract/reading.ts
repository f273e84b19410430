import { isStrictlyIncreasing, newEvents, readEntireLog, uniqueStream } from '../support';
import type { ContractContext } from './context';

export function describeReading(context: ContractContext): void {
  describe('reading a stream', () => {
    async function storeWithStream(length: number) {
      const store = await context.open();
      const stream = uniqueStream();
      await store.appendToStream(uniqueStream(), 'no_stream', newEvents(2));
      await store.appendToStream(stream, 'no_stream', newEvents(length));
      return { store, stream };
    }

    it('reads forwards by default, every event of the stream and no other', async () => {
      const { store, stream } = await storeWithStream(5);
      const events = await store.readStream(stream);
      expect(events.map((e) => [e.streamId, e.version, e.data.index])).toEqual([0, 1, 2, 3, 4].map((i) => [stream, i + 1, i]));
      expect(isStrictlyIncreasing(events.map((e) => e.position))).toBe(true);
    });

    it('reads forwards from a version, at most maxCount events', async () => {
      const { store, stream } = await storeWithStream(5);
      expect((await store.readStream(stream, { fromVersion: 3 })).map((e) => e.version)).toEqual([3, 4, 5]);
      expect((await store.readStream(stream, { fromVersion: 2, maxCount: 2 })).map((e) => e.version)).toEqual([2, 3]);
      expect((await store.readStream(stream, { direction: 'forwards', maxCount: 1 })).map((e) => e.version)).toEqual([1]);
    });

    it('reads backwards from the end or from a version, at most maxCount events', async () => {
      const { store, stream } = await storeWithStream(5);
      expect((await store.readStream(stream, { direction: 'backwards' })).map((e) => e.version)).toEqual([5, 4, 3, 2, 1]);
      expect((await store.readStream(stream, { direction: 'backwards', fromVersion: 3 })).map((e) => e.version)).toEqual([3, 2, 1]);
      expect((await store.readStream(stream, { direction: 'backwards', maxCount: 2 })).map((e) => e.version)).toEqual([5, 4]);
    });

    it('returns nothing for a stream that does not exist or past its end', async () => {
      const { store, stream } = await storeWithStream(2);
      expect(await store.readStream(uniqueStream())).toEqual([]);
      expect(await store.readStream(stream, { fromVersion: 3 })).toEqual([]);
    });
  });

  describe('reading the global log', () => {
    it('returns every event in append order with strictly increasing positions', async () => {
      const store = await context.open();
      const [a, b] = [uniqueStream(), uniqueStream()];
      const first = await store.appendToStream(a, 'no_stream', newEvents(2));
      const second = await store.appendToStream(b, 'no_stream', newEvents(1));
      const third = await store.appendToStream(a, 2, newEvents(1));
      const log = await store.readAll();
      expect(log.map((e) => [e.streamId, e.version])).toEqual([
        [a, 1],
        [a, 2],
        [b, 1],
        [a, 3],
      ]);
      expect(log.map((e) => e.position)).toEqual([...first.streams[0].positions, ...second.streams[0].positions, ...third.streams[0].positions]);
      expect(isStrictlyIncreasing(log.map((e) => e.position))).toBe(true);
      expect(await store.headPosition()).toBe(third.lastPosition);
    });

    it('reads strictly after a position, at most maxCount events', async () => {
      const store = await context.open();
      await store.appendToStream(uniqueStream(), 'no_stream', newEvents(6));
      const log = await store.readAll();
      expect((await store.readAll({ after: log[2].position })).map((e) => e.position)).toEqual(log.slice(3).map((e) => e.position));
      expect((await store.readAll({ after: log[1].position, maxCount: 2 })).map((e) => e.position)).toEqual([log[2].position, log[3].position]);
      expect(await store.readAll({ after: log[5].position })).toEqual([]);
      expect(await store.readAll({ after: 0, maxCount: 1 })).toEqual([log[0]]);
    });

    it('pages through a larger log without losing or repeating an event', async () => {
      const store = await context.open();
      const streams = Array.from({ length: 5 }, () => uniqueStream());
      await Promise.all(streams.map((stream) => store.appendToStream(stream, 'no_stream', newEvents(40))));
      const paged = [];
      for (let after = 0; ; ) {
        const page = await store.readAll({ after, maxCount: 7 });
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(7);
        paged.push(...page);
        after = page[page.length - 1].position;
      }
      expect(paged).toHaveLength(200);
      expect(new Set(paged.map((e) => e.eventId)).size).toBe(200);
      expect(paged).toEqual(await readEntireLog(store));
      expect(isStrictlyIncreasing(paged.map((e) => e.position))).toBe(true);
    });

    it('reports each stream head with its version and last hash', async () => {
      const store = await context.open();
      const [a, b] = [uniqueStream('unit'), uniqueStream('body')];
      await store.appendToStream(a, 'no_stream', newEvents(3));
      await store.appendToStream(b, 'no_stream', newEvents(1));
      const heads = await store.streamHeads();
      const lastOf = async (stream: string) => (await store.readStream(stream, { direction: 'backwards', maxCount: 1 }))[0];
      expect(new Map(heads.map((h) => [h.streamId, h]))).toEqual(
        new Map([
          [a, { streamId: a, version: 3, hash: (await lastOf(a)).hash }],
          [b, { streamId: b, version: 1, hash: (await lastOf(b)).hash }],
        ]),
      );
    });
  });
}
