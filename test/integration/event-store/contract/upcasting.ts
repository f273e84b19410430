import { type RecordedEvent, UpcasterRegistry } from '@reorg/event-store';
import { eventually, newEvent, uniqueStream } from '../support';
import type { ContractContext } from './context';

/** UnitRenamed v1 {name} → v2 {name, nameEn} → v3 {officialName, nameEn}. */
function renameUpcasters(): UpcasterRegistry {
  return new UpcasterRegistry([
    { type: 'UnitRenamed', fromVersion: 1, upcast: (data) => ({ ...data, nameEn: null }) },
    { type: 'UnitRenamed', fromVersion: 2, upcast: ({ name, ...rest }) => ({ officialName: name, ...rest }) },
  ]);
}

const upgraded = { type: 'UnitRenamed', schemaVersion: 3, data: { officialName: 'Sở Y tế', nameEn: null } };

export function describeUpcasting(context: ContractContext): void {
  describe('upcasting on read', () => {
    async function storeWithOldEvent() {
      const store = await context.open({ upcasters: renameUpcasters() });
      const stream = uniqueStream();
      await store.appendToStream(stream, 'no_stream', [
        newEvent('UnitRenamed', { name: 'Sở Y tế' }),
        { ...newEvent('UnitRenamed', { officialName: 'Sở Tài chính', nameEn: 'Department of Finance' }), schemaVersion: 3 },
        newEvent('UnitDissolved', { reason: 'merged' }),
      ]);
      return { store, stream };
    }

    it('upgrades old events through every step in readStream and readAll, leaving current ones alone', async () => {
      const { store, stream } = await storeWithOldEvent();
      for (const events of [await store.readStream(stream), await store.readAll()]) {
        expect(events[0]).toMatchObject(upgraded);
        expect(events[1]).toMatchObject({ schemaVersion: 3, data: { officialName: 'Sở Tài chính', nameEn: 'Department of Finance' } });
        expect(events[2]).toMatchObject({ type: 'UnitDissolved', schemaVersion: 1, data: { reason: 'merged' } });
      }
      expect((await store.readStream(stream, { direction: 'backwards' }))[2]).toMatchObject(upgraded);
    });

    it('delivers upgraded events to subscribers', async () => {
      const { store } = await storeWithOldEvent();
      const delivered: RecordedEvent[] = [];
      const subscription = store.subscribeToAll(async (events) => void delivered.push(...events), { after: 0 });
      await eventually('3 events were delivered', () => delivered.length === 3);
      await subscription.close();
      expect(delivered[0]).toMatchObject(upgraded);
    });

    it('keeps the stored shape in readAllRaw, and the stored hash verifies against it', async () => {
      const { store } = await storeWithOldEvent();
      const [raw] = await store.readAllRaw({ maxCount: 1 });
      expect(raw).toMatchObject({ type: 'UnitRenamed', schemaVersion: 1, data: { name: 'Sở Y tế' } });
      const [read] = await store.readAll({ maxCount: 1 });
      expect(read.hash).toBe(raw.hash);
    });
  });
}
