import { InvalidAppendError, type NewEvent, type StreamAppend } from '@reorg/event-store';
import { newEvent, newEvents, readEntireLog, rejectionOf, uniqueStream } from '../support';
import type { ContractContext } from './context';

export function describeInvalidAppends(context: ContractContext): void {
  describe('malformed appends', () => {
    const stream = 'unit-invalid';
    const cases: Array<[string, () => StreamAppend[]]> = [
      ['an event id that is not a UUID', () => [{ streamId: stream, expectedVersion: 'any', events: [{ ...newEvent(), eventId: 'not-a-uuid' }] }]],
      ['no events for a stream', () => [{ streamId: stream, expectedVersion: 'any', events: [] }]],
      ['no streams at all', () => []],
      [
        'the same stream twice in one append',
        () => [
          { streamId: stream, expectedVersion: 'any', events: newEvents(1) },
          { streamId: stream, expectedVersion: 'any', events: newEvents(1) },
        ],
      ],
      ['the same event id twice in one append', () => [{ streamId: stream, expectedVersion: 'any', events: duplicateIds() }]],
      ['a NUL character in data', () => [{ streamId: stream, expectedVersion: 'any', events: [newEvent('UnitRenamed', { name: 'Ha\u0000Noi' })] }]],
      ['a NUL character in a metadata key', () => [{ streamId: stream, expectedVersion: 'any', events: [newEvent('UnitRenamed', {}, { ['ac\u0000tor']: 'x' })] }]],
      ['a non-finite number in data', () => [{ streamId: stream, expectedVersion: 'any', events: [newEvent('UnitRenamed', { staff: Number.NaN })] }]],
      ['a negative expected version', () => [{ streamId: stream, expectedVersion: -1, events: newEvents(1) }]],
      ['an empty stream id', () => [{ streamId: '', expectedVersion: 'any', events: newEvents(1) }]],
      ['an empty event type', () => [{ streamId: stream, expectedVersion: 'any', events: [newEvent('')] }]],
      // Not valid Unicode: it has no NFC form and PostgreSQL's jsonb refuses it.
      ['a lone surrogate in a string', () => [{ streamId: stream, expectedVersion: 'any', events: [newEvent('UnitRenamed', { name: 'Ha \ud800 Noi' })] }]],
    ];

    it.each(cases)('rejects %s with an InvalidAppendError and writes nothing', async (_case, appends) => {
      const store = await context.open();
      const error = await rejectionOf(store.appendMultiple(appends()));
      expect(error).toBeInstanceOf(InvalidAppendError);
      expect(error).toMatchObject({ code: 'INVALID_APPEND' });
      expect(await readEntireLog(store)).toEqual([]);
      expect(await store.streamHeads()).toEqual([]);
    });

    it('fails only the bad command when it is committed together with good ones', async () => {
      const store = await context.open();
      const stored = newEvent();
      await store.appendToStream(uniqueStream(), 'no_stream', [stored]);
      const good = [uniqueStream(), uniqueStream(), uniqueStream()];
      const outcomes = await Promise.allSettled([
        store.appendToStream(good[0], 'no_stream', newEvents(1)),
        store.appendToStream(uniqueStream(), 'no_stream', [newEvent('UnitRenamed', { name: 'Ha \ud800 Noi' })]),
        store.appendToStream(good[1], 'no_stream', newEvents(1)),
        store.appendToStream(uniqueStream(), 'no_stream', [{ ...stored }]),
        store.appendToStream(good[2], 'no_stream', newEvents(1)),
      ]);
      expect(outcomes.map((o) => (o.status === 'fulfilled' ? 'ok' : (o.reason as { code?: string }).code))).toEqual([
        'ok',
        'INVALID_APPEND',
        'ok',
        'DUPLICATE_EVENT_ID',
        'ok',
      ]);
      for (const stream of good) expect(await store.readStream(stream)).toHaveLength(1);
      expect(await readEntireLog(store)).toHaveLength(4);
    });

    it('rejects a malformed appendToStream the same way', async () => {
      const store = await context.open();
      const error = await rejectionOf(store.appendToStream(uniqueStream(), 'no_stream', []));
      expect(error).toBeInstanceOf(InvalidAppendError);
      expect(await store.headPosition()).toBe(0);
    });
  });
}

function duplicateIds(): NewEvent[] {
  const event = newEvent();
  return [event, { ...event }];
}
