import type { VerificationFailure } from '@reorg/event-store';
import { type StoreFixture, newEvent, readingOwnWrites, uniqueStream, verifyStore } from './support';

/** Direct edits of the stored log, the way someone with database access could make them. */
export interface Tamperer {
  replaceInData(position: number, search: string, replacement: string): Promise<void>;
  deleteEvent(position: number): Promise<void>;
  movePosition(from: number, to: number): Promise<void>;
  /** Writes another metadata.recordedAt into the stored event (its hash is left as it was). */
  setRecordedAt(position: number, recordedAt: string): Promise<void>;
}

export interface TamperFixture extends StoreFixture {
  tamperer: Tamperer;
}

/** Swaps the positions of two events (through a free position, as the key is unique). */
export async function swapPositions(tamperer: Tamperer, a: number, b: number): Promise<void> {
  await tamperer.movePosition(a, -1);
  await tamperer.movePosition(b, a);
  await tamperer.movePosition(-1, b);
}

/**
 * The log: A1 A2 A3 B1 B2 A4 B3 at positions 1..7 (one append each, so positions have no gaps).
 * Each case names the first broken link ChainVerifier must report.
 */
export function describeTamperEvidence(name: string, factory: () => Promise<TamperFixture>): void {
  describe(`tamper evidence: ${name}`, () => {
    const a = uniqueStream('unit');
    const b = uniqueStream('body');
    const layout: Array<[string, number]> = [[a, 1], [a, 2], [a, 3], [b, 1], [b, 2], [a, 4], [b, 3]];

    const cases: Array<[string, (t: Tamperer) => Promise<void>, Omit<VerificationFailure, 'reason'>, RegExp]> = [
      ['one byte of one event’s data altered', (t) => t.replaceInData(2, 'Quan 2', 'Quan 3'), { streamId: a, version: 2, position: 2 }, /stream hash mismatch/],
      ['an event deleted from the middle of its stream', (t) => t.deleteEvent(2), { streamId: a, version: 3, position: 3 }, /missing or out of order/],
      ['a stream’s last event deleted from the end of the log', (t) => t.deleteEvent(7), { streamId: b, version: 3, position: 6 }, /events were deleted/],
      ['a stream’s last event deleted from the middle of the log', (t) => t.deleteEvent(6), { streamId: b, version: 3, position: 7 }, /global hash mismatch/],
      ['two events of different streams swapped', (t) => swapPositions(t, 3, 4), { streamId: b, version: 1, position: 3 }, /global hash mismatch/],
      ['two events of one stream swapped', (t) => swapPositions(t, 4, 5), { streamId: b, version: 2, position: 4 }, /missing or out of order/],
    ];

    let fixture: TamperFixture | undefined;
    afterEach(async () => {
      await fixture?.dispose();
      fixture = undefined;
    });

    it.each(cases)('reports %s at the first broken link', async (_case, tamper, where, reason) => {
      fixture = await factory();
      const store = readingOwnWrites(await fixture.open());
      try {
        for (const [streamId, version] of layout) {
          await store.appendToStream(streamId, version === 1 ? 'no_stream' : version - 1, [newEvent('UnitRenamed', { name: `Quan ${version}` })]);
        }
        expect(await store.headPosition()).toBe(7);
        expect((await verifyStore(store)).ok).toBe(true);

        await tamper(fixture.tamperer);

        const report = await verifyStore(store);
        expect(report.ok).toBe(false);
        expect(report.failures).toHaveLength(1);
        expect(report.failures[0]).toMatchObject(where);
        expect(report.failures[0].reason).toMatch(reason);
      } finally {
        await store.close();
      }
    });
  });
}
