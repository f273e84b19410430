import type { EventStore, VerificationFailure } from '@reorg/event-store';
import { verifyLog } from '@reorg/event-store/audit';
import { newEvent, uniqueStream } from '../event-store/support';
import { type Tamperer, swapPositions } from '../event-store/tamper';
import { AUDIT_BACKENDS, type AuditBackend, writeSampleLog } from './audit-backends';

type Case = [string, (t: Tamperer) => Promise<void>, (ids: { a: string; b: string }) => Omit<VerificationFailure, 'reason'>, RegExp];

// The log is A1 A2 A3 B1 B2 A4 B3 at positions 1..7 (see writeSampleLog).
const CASES: Case[] = [
  ['one byte of one event altered', (t) => t.replaceInData(2, 'Quan 2', 'Quan 3'), ({ a }) => ({ streamId: a, version: 2, position: 2 }), /stream hash mismatch/],
  ['one event deleted', (t) => t.deleteEvent(2), ({ a }) => ({ streamId: a, version: 3, position: 3 }), /missing or out of order/],
  ['a stream’s last event deleted', (t) => t.deleteEvent(7), ({ b }) => ({ streamId: b, version: 3, position: 6 }), /events were deleted/],
  ['two events reordered', (t) => swapPositions(t, 3, 4), ({ b }) => ({ streamId: b, version: 1, position: 3 }), /global hash mismatch/],
];

describe.each(AUDIT_BACKENDS)('verifyLog over the whole store (%s)', (_name, backendOf) => {
  let backend: AuditBackend;
  let store: EventStore;

  beforeEach(async () => {
    backend = await backendOf();
    store = await backend.open();
  });

  afterEach(async () => {
    await store.close();
    await backend.dispose();
  });

  it('says ok for an intact store, with its stream and event counts and the last global hash', async () => {
    await writeSampleLog(store);
    const { report, verifier } = await verifyLog(store);
    expect(report).toEqual({ ok: true, streams: 2, events: 7, failures: [] });
    const [last] = await store.readAllRaw({ after: 6 });
    expect(verifier.snapshot()).toMatchObject({ position: 7, globalHash: last.globalHash });
  });

  it('says ok for an empty store', async () => {
    expect((await verifyLog(store)).report).toEqual({ ok: true, streams: 0, events: 0, failures: [] });
  });

  it.each(CASES)('reports %s at the first broken link', async (_case, tamper, where, reason) => {
    const ids = await writeSampleLog(store);
    await tamper(backend.tamperer);
    const { report } = await verifyLog(store);
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([{ ...where(ids), reason: expect.stringMatching(reason) }]);
  });

  it('reports progress from position 0 to the head', async () => {
    await writeSampleLog(store);
    const seen: number[] = [];
    await verifyLog(store, { onProgress: (p) => seen.push(p.position) });
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(7);
  });

  it('never reports a false break while appends keep landing during the walk', async () => {
    const streams = Array.from({ length: 5 }, () => uniqueStream('unit'));
    let writing = true;
    const writer = (async () => {
      for (let version = 1; writing || version <= 3; version++) {
        await Promise.all(streams.map((id) => store.appendToStream(id, version === 1 ? 'no_stream' : version - 1, [newEvent('UnitRenamed', { version })])));
      }
    })();
    try {
      for (let round = 0; round < 50; round++) {
        const { report } = await verifyLog(store);
        expect(report.failures).toEqual([]);
      }
    } finally {
      writing = false;
      await writer;
    }
    expect((await verifyLog(store)).report).toMatchObject({ ok: true, streams: 5 });
  });
});
