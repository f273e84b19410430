import type { RecordedEvent } from '@reorg/event-store';
import { PATIENCE_MS } from '@reorg/testing';
import { eventually, isStrictlyIncreasing, newEvents, readEntireLog, uniqueStream, verifyStore } from '../support';
import type { ContractContext } from './context';

/** Two store instances over one database stand for two processes. */
export function describeSharedDatabase(context: ContractContext): void {
  describe('several store instances on one database', () => {
    it('keeps versions, positions and both chains intact when two instances append at once', async () => {
      const [one, two] = [await context.open(), await context.open()];
      const shared = uniqueStream();
      await one.appendToStream(shared, 'no_stream', newEvents(1));
      const writers = [one, two].flatMap((store) =>
        Array.from({ length: 4 }, async () => {
          const own = uniqueStream();
          for (let i = 0; i < 10; i++) {
            await store.appendToStream(own, i === 0 ? 'no_stream' : 2 * i, newEvents(2));
            await store.appendToStream(shared, 'any', newEvents(1));
          }
        }),
      );
      await Promise.all(writers);
      const log = await readEntireLog(two);
      expect(log).toHaveLength(1 + 8 * 10 * 3);
      expect(isStrictlyIncreasing(log.map((e) => e.position))).toBe(true);
      expect((await one.readStream(shared)).map((e) => e.version)).toEqual(Array.from({ length: 81 }, (_, i) => i + 1));
      expect(await verifyStore(one)).toMatchObject({ ok: true, streams: 9, events: 241 });
    });

    it('delivers to a subscriber events appended through another instance', async () => {
      const [writer, reader] = [await context.open(), await context.open()];
      const delivered: RecordedEvent[] = [];
      const subscription = reader.subscribeToAll(async (events) => void delivered.push(...events), { after: 0 });
      try {
        const result = await writer.appendToStream(uniqueStream(), 'no_stream', newEvents(3));
        await eventually('the other instance delivered the 3 events', () => delivered.length === 3);
        expect(delivered.map((e) => e.position)).toEqual(result.streams[0].positions);
        await expect(reader.waitForPosition(result.lastPosition, PATIENCE_MS)).resolves.toBe(true);
      } finally {
        await subscription.close();
      }
    });
  });
}
