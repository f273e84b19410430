import type { RecordedEvent } from '@reorg/event-store';
import { PATIENCE_MS } from '@reorg/testing';
import { eventually, isStrictlyIncreasing, newEvents, readEntireLog, rejectionOf, sleep, uniqueStream } from '../support';
import type { ContractContext } from './context';

export function describeSubscription(context: ContractContext): void {
  describe('catch-up subscription', () => {
    it('delivers the history after a checkpoint, then live events from concurrent writers, each exactly once and in order', async () => {
      const store = await context.open();
      await store.appendToStream(uniqueStream(), 'no_stream', newEvents(10));
      await store.appendToStream(uniqueStream(), 'no_stream', newEvents(10));
      const history = await store.readAll();
      const checkpoint = history[9].position;

      const delivered: RecordedEvent[] = [];
      const batchSizes: number[] = [];
      const subscription = store.subscribeToAll(
        async (events) => {
          batchSizes.push(events.length);
          delivered.push(...events);
        },
        { after: checkpoint, batchSize: 50 },
      );

      const writers = Array.from({ length: 10 }, () => uniqueStream('writer'));
      await Promise.all(
        writers.map(async (stream) => {
          for (let version = 0; version < 50; version++) {
            await store.appendToStream(stream, version === 0 ? 'no_stream' : version, newEvents(1));
          }
        }),
      );
      await eventually('the subscription delivered all 510 events after the checkpoint', () => delivered.length >= 510);
      await sleep(200);

      const expected = (await readEntireLog(store)).filter((event) => event.position > checkpoint);
      expect(expected).toHaveLength(510);
      expect(delivered.map((e) => e.eventId)).toEqual(expected.map((e) => e.eventId));
      expect(isStrictlyIncreasing(delivered.map((e) => e.position))).toBe(true);
      for (const stream of writers) {
        expect(delivered.filter((e) => e.streamId === stream).map((e) => e.version)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      }
      expect(Math.max(...batchSizes)).toBeLessThanOrEqual(50);

      await subscription.close();
      await expect(subscription.done).resolves.toBeUndefined();
      await store.appendToStream(uniqueStream(), 'no_stream', newEvents(3));
      await sleep(400);
      expect(delivered).toHaveLength(510);
    });

    it('waits for each batch to be handled before delivering the next', async () => {
      const store = await context.open();
      await store.appendToStream(uniqueStream(), 'no_stream', newEvents(12));
      let inHandler = 0;
      let overlapped = false;
      const delivered: number[] = [];
      const subscription = store.subscribeToAll(
        async (events) => {
          inHandler += 1;
          overlapped ||= inHandler > 1;
          await sleep(20);
          delivered.push(...events.map((e) => e.position));
          inHandler -= 1;
        },
        { after: 0, batchSize: 3 },
      );
      await eventually('12 events were delivered', () => delivered.length === 12);
      await subscription.close();
      expect(overlapped).toBe(false);
      expect(isStrictlyIncreasing(delivered)).toBe(true);
    });

    it('stops with a rejected done when the handler throws', async () => {
      const store = await context.open();
      await store.appendToStream(uniqueStream(), 'no_stream', newEvents(2));
      const subscription = store.subscribeToAll(
        async () => {
          throw new Error('projection failed');
        },
        { after: 0 },
      );
      const error = await rejectionOf(subscription.done);
      expect(error).toMatchObject({ message: 'projection failed' });
      await subscription.close();
    });

    it('waits for a position: true once it is readable, false on timeout', async () => {
      const store = await context.open();
      const later = store.waitForPosition(3, PATIENCE_MS);
      await sleep(20);
      const result = await store.appendToStream(uniqueStream(), 'no_stream', newEvents(3));
      expect(result.lastPosition).toBe(3);
      await expect(later).resolves.toBe(true);
      expect(await store.headPosition()).toBe(3);
      await expect(store.waitForPosition(4, 150)).resolves.toBe(false);
    });
  });
}
