import { randomUUID } from 'node:crypto';
import type { AppendResult } from '@reorg/event-store';
import { VersionConflictError } from '@reorg/event-store';
import { newEvents, readEntireLog, rejectionOf, uniqueStream } from '../support';
import type { ContractContext } from './context';

function firstResult(result: AppendResult): Omit<AppendResult, 'idempotentReplay'> {
  return { streams: result.streams, lastPosition: result.lastPosition };
}

export function describeIdempotency(context: ContractContext): void {
  describe('idempotent commands', () => {
    it('appends nothing for a repeated commandId and returns the first result', async () => {
      const store = await context.open();
      const [a, b] = [uniqueStream(), uniqueStream()];
      const commandId = randomUUID();
      const appends = () => [
        { streamId: a, expectedVersion: 'no_stream' as const, events: newEvents(2) },
        { streamId: b, expectedVersion: 'any' as const, events: newEvents(1) },
      ];
      const first = await store.appendMultiple(appends(), { commandId });
      const logAfterFirst = await readEntireLog(store);
      const repeated = await store.appendMultiple(appends(), { commandId });
      expect(first.idempotentReplay).toBe(false);
      expect(repeated.idempotentReplay).toBe(true);
      expect(firstResult(repeated)).toEqual(firstResult(first));
      expect(await readEntireLog(store)).toEqual(logAfterFirst);
      expect(logAfterFirst.every((e) => e.metadata.commandId === commandId)).toBe(true);
    });

    it('answers what a commandId appended (commandResult), and nothing for an unknown one', async () => {
      const store = await context.open();
      const commandId = randomUUID();
      expect(await store.commandResult(commandId)).toBeUndefined();
      const first = await store.appendToStream(uniqueStream(), 'no_stream', newEvents(2), { commandId });
      const recorded = await store.commandResult(commandId);
      expect(recorded?.idempotentReplay).toBe(true);
      expect(recorded && firstResult(recorded)).toEqual(firstResult(first));
    });

    it('replays even when the repeated request would now conflict or differs', async () => {
      const store = await context.open();
      const stream = uniqueStream();
      const commandId = randomUUID();
      const first = await store.appendToStream(stream, 'no_stream', newEvents(1), { commandId });
      const repeated = await store.appendToStream(stream, 'no_stream', newEvents(4), { commandId });
      expect(repeated.idempotentReplay).toBe(true);
      expect(firstResult(repeated)).toEqual(firstResult(first));
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('remembers the commandId after the store is re-opened', async () => {
      const first = await context.open();
      const stream = uniqueStream();
      const commandId = randomUUID();
      const original = await first.appendToStream(stream, 'no_stream', newEvents(2), { commandId });
      await context.close(first);
      const reopened = await context.open();
      const repeated = await reopened.appendToStream(stream, 'no_stream', newEvents(2), { commandId });
      expect(repeated.idempotentReplay).toBe(true);
      expect(firstResult(repeated)).toEqual(firstResult(original));
      expect(await reopened.readStream(stream)).toHaveLength(2);
    });

    it('does not record a commandId whose first attempt conflicted', async () => {
      const store = await context.open();
      const stream = uniqueStream();
      await store.appendToStream(stream, 'no_stream', newEvents(1));
      const commandId = randomUUID();
      const conflict = await rejectionOf(store.appendToStream(stream, 'no_stream', newEvents(1), { commandId }));
      expect(conflict).toBeInstanceOf(VersionConflictError);
      const retried = await store.appendToStream(stream, 1, newEvents(1), { commandId });
      expect(retried.idempotentReplay).toBe(false);
      expect(retried.streams[0].nextExpectedVersion).toBe(2);
      expect((await store.readStream(stream)).map((e) => e.metadata.commandId)).toEqual([undefined, commandId]);
    });

    it('appends once when the same command arrives twice at the same time', async () => {
      const store = await context.open();
      const stream = uniqueStream();
      const commandId = randomUUID();
      const [one, two] = await Promise.all([
        store.appendToStream(stream, 'any', newEvents(1), { commandId }),
        store.appendToStream(stream, 'any', newEvents(1), { commandId }),
      ]);
      expect(firstResult(one)).toEqual(firstResult(two));
      expect([one.idempotentReplay, two.idempotentReplay].sort()).toEqual([false, true]);
      expect(await store.readStream(stream)).toHaveLength(1);
    });
  });
}
