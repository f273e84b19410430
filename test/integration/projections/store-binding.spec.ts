import { randomUUID } from 'node:crypto';
import { ProjectionCheckpoint, StoreMismatchError } from '@reorg/projections';
import { newEvents, readingOwnWrites } from '../event-store/support';
import { CountingProjection } from './counting-projection';
import { PROJECTION_BACKENDS } from './projection-backends';
import { ProjectionTestBed } from './projection-test-bed';

const BINDING = { readModels: 'READ_MODEL_SQLITE_PATH=reads.sqlite', eventStore: 'SQLITE_PATH=events.sqlite' };

describe.each(PROJECTION_BACKENDS)('projection checkpoints bound to their event store on %s', (_, backend) => {
  let bed: ProjectionTestBed;
  const counts = new CountingProjection('bound_counts');

  beforeEach(async () => {
    bed = await ProjectionTestBed.open(backend, [counts]);
  });
  afterEach(() => bed?.close());

  /** Projects 5 events and stops; returns the checkpoint row. */
  async function projectFive(): Promise<ProjectionCheckpoint> {
    const store = readingOwnWrites(bed.store);
    const last = await store.appendToStream(`unit-${randomUUID()}`, 'no_stream', newEvents(5));
    const runner = bed.runner();
    await runner.start([counts]);
    await expect(runner.waitUntil(last.lastPosition, 30_000)).resolves.toBe(true);
    await runner.stop();
    return bed.dataSource.manager.findOneByOrFail(ProjectionCheckpoint, { name: counts.name });
  }

  const edit = (changes: Partial<ProjectionCheckpoint>) => bed.dataSource.manager.update(ProjectionCheckpoint, { name: counts.name }, changes);

  it('records the store id and the global hash at the checkpoint position with every checkpoint', async () => {
    const row = await projectFive();
    expect(row).toMatchObject({ position: 5, storeId: await bed.store.storeId(), globalHash: await bed.store.globalHashAt(5) });
  });

  it.each([
    ['of another store', { storeId: 'f'.repeat(32) }, /projected from event store f{32}, not from this one/],
    ['ahead of the store’s head', { position: 9 }, /checkpoint at position 9 is ahead of the store's head 5/],
    ['on another log at the same position', { globalHash: '0'.repeat(64) }, /global hash at the checkpoint's position 5 is not the one recorded/],
  ])('refuses to start with a checkpoint %s, naming the files and the fix', async (_case, changes, reason) => {
    await projectFive();
    await edit(changes);
    const start = bed.runner({ binding: { ...BINDING, onMismatch: 'refuse' } }).start([counts]);
    await expect(start).rejects.toBeInstanceOf(StoreMismatchError);
    await expect(start).rejects.toThrow(reason);
    await expect(start).rejects.toThrow(/read models in READ_MODEL_SQLITE_PATH=reads.sqlite do not belong to the event store SQLITE_PATH=events.sqlite[\s\S]*npm run cli -- rebuild/);
  });

  it('rebuilds when told to: empties the rows, replays the log and binds the checkpoint to this store', async () => {
    await projectFive();
    await edit({ storeId: 'f'.repeat(32), position: 9 });
    const runner = bed.runner({ binding: { ...BINDING, onMismatch: 'rebuild' } });
    await runner.start([counts]);
    await expect(runner.waitUntil(5, 30_000)).resolves.toBe(true);
    expect(await counts.appliedPositions(bed.dataSource.manager)).toEqual([1, 2, 3, 4, 5]);
    expect(await bed.dataSource.manager.findOneByOrFail(ProjectionCheckpoint, { name: counts.name })).toMatchObject({ position: 5, storeId: await bed.store.storeId() });
  });

  it('adopts a checkpoint written before the binding when the store has an event at its position', async () => {
    await projectFive();
    await edit({ storeId: null, globalHash: null });
    await bed.runner({ binding: { ...BINDING, onMismatch: 'refuse' } }).start([counts]);
    expect(await bed.dataSource.manager.findOneByOrFail(ProjectionCheckpoint, { name: counts.name })).toMatchObject({ storeId: await bed.store.storeId(), globalHash: await bed.store.globalHashAt(5) });
  });
});
