import { randomUUID } from 'node:crypto';
import { PATIENCE_MS } from '@reorg/testing';
import { eventually, newEvents, readEntireLog } from '../event-store/support';
import { CountingProjection } from './counting-projection';
import { PROJECTION_BACKENDS } from './projection-backends';
import { ProjectionTestBed } from './projection-test-bed';

describe.each(PROJECTION_BACKENDS)('projection runner delivery on %s', (_, backend) => {
  let bed: ProjectionTestBed;
  const counts = new CountingProjection('counts');
  const renames = new CountingProjection('renames', ['UnitRenamed']);

  beforeEach(async () => {
    counts.failAt = undefined;
    renames.failAt = undefined;
    bed = await ProjectionTestBed.open(backend, [counts, renames]);
  });
  // Optional: when opening failed there is no bed (or the previous test's, already closed).
  afterEach(() => bed?.close());

  const allPositions = async () => (await readEntireLog(bed.store)).map((event) => event.position);

  it('applies events appended before and after start exactly once, in global order', async () => {
    const [a, b, c] = ['unit-a', 'unit-b', 'unit-c'].map((s) => `${s}-${randomUUID()}`);
    await bed.store.appendToStream(a, 'no_stream', newEvents(3));
    await bed.store.appendMultiple([
      { streamId: b, expectedVersion: 'no_stream', events: newEvents(2) },
      { streamId: c, expectedVersion: 'no_stream', events: newEvents(1) },
    ]);
    const runner = bed.runner({ batchSize: 2 });
    await runner.start([counts]);
    await Promise.all([
      bed.store.appendToStream(a, 3, newEvents(2)),
      bed.store.appendToStream(b, 2, newEvents(4)),
      bed.store.appendToStream(c, 1, newEvents(1)),
    ]);
    const last = await bed.store.appendToStream(c, 2, newEvents(1));

    await expect(runner.waitUntil(last.lastPosition, PATIENCE_MS)).resolves.toBe(true);
    expect(await counts.appliedPositions(bed.dataSource.manager)).toEqual(await allPositions());
    expect(await counts.countsByStream(bed.dataSource.manager)).toEqual({ [a]: 5, [b]: 6, [c]: 3 });
    expect(runner.positionOf('counts')).toBe(last.lastPosition);
    expect(await bed.checkpoint('counts')).toBe(last.lastPosition);
    expect(await runner.lag()).toEqual([{ projection: 'counts', position: last.lastPosition, head: last.lastPosition, lag: 0 }]);
  });

  it('resumes a restarted runner from its checkpoint without re-applying', async () => {
    const stream = `unit-${randomUUID()}`;
    const first = bed.runner();
    await first.start([counts]);
    const before = await bed.store.appendToStream(stream, 'no_stream', newEvents(4));
    await expect(first.waitUntil(before.lastPosition, PATIENCE_MS)).resolves.toBe(true);
    await first.stop();
    expect(first.running).toBe(false);

    const after = await bed.store.appendToStream(stream, 4, newEvents(3));
    const second = bed.runner();
    await second.start([counts]);
    expect(second.positionOf('counts')).toBe(before.lastPosition);
    await expect(second.waitUntil(after.lastPosition, PATIENCE_MS)).resolves.toBe(true);
    expect(await counts.appliedPositions(bed.dataSource.manager)).toEqual(await allPositions());
    expect(await counts.countsByStream(bed.dataSource.manager)).toEqual({ [stream]: 7 });
  });

  it('applies each event once when two runners feed the same projection', async () => {
    const [first, second] = [bed.runner({ batchSize: 3 }), bed.runner({ batchSize: 3 })];
    await Promise.all([first.start([counts]), second.start([counts])]);
    const appends = await Promise.all(
      Array.from({ length: 8 }, () => bed.store.appendToStream(`unit-${randomUUID()}`, 'no_stream', newEvents(2))),
    );
    const last = Math.max(...appends.map((append) => append.lastPosition));

    await expect(first.waitUntil(last, PATIENCE_MS)).resolves.toBe(true);
    await expect(second.waitUntil(last, PATIENCE_MS)).resolves.toBe(true);
    expect(await counts.appliedPositions(bed.dataSource.manager)).toEqual(await allPositions());
  });

  it('moves the checkpoints of projections that handle none of a batch without folding it or reporting it applied', async () => {
    const others = new CountingProjection('others', ['UnitDissolved']);
    const runner = bed.runner();
    const folded: string[] = [];
    runner.onApplied((projection) => folded.push(projection));
    await runner.start([renames, others]);
    const appended = await bed.store.appendToStream(`unit-${randomUUID()}`, 'no_stream', newEvents(3, 'UnitRegistered'));

    await expect(runner.waitUntil(appended.lastPosition, PATIENCE_MS)).resolves.toBe(true);
    expect(await bed.checkpoint('renames')).toBe(appended.lastPosition);
    expect(await bed.checkpoint('others')).toBe(appended.lastPosition);
    expect(await renames.appliedPositions(bed.dataSource.manager)).toEqual([]);
    expect(folded).toEqual([]);

    const renamed = await bed.store.appendToStream(`unit-${randomUUID()}`, 'no_stream', newEvents(1, 'UnitRenamed'));
    await expect(runner.waitUntil(renamed.lastPosition, PATIENCE_MS)).resolves.toBe(true);
    expect(folded).toEqual(['renames']);
    expect(await bed.checkpoint('others')).toBe(renamed.lastPosition);
    await runner.stop();
  });

  it('moves two projections independently: a stuck one does not hold the other back', async () => {
    const stream = `unit-${randomUUID()}`;
    const appended = await bed.store.appendToStream(stream, 'no_stream', [
      ...newEvents(2, 'UnitRegistered'),
      ...newEvents(1, 'UnitRenamed'),
      ...newEvents(1, 'UnitRegistered'),
    ]);
    await bed.store.waitForPosition(appended.lastPosition, PATIENCE_MS);
    const positions = await allPositions();
    renames.failAt = positions[2];
    const lags: Array<{ projection: string; lag: number }> = [];
    const runner = bed.runner();
    runner.onLag(({ projection, lag }) => lags.push({ projection, lag }));
    await runner.start([counts, renames]);

    await eventually('counts reaches the head', () => runner.positionOf('counts') === positions[3]);
    await eventually('renames has failed twice', () => renames.failures >= 2);
    expect(runner.positionOf('renames')).toBe(0);
    await expect(runner.waitUntil(positions[3], 50)).resolves.toBe(false);
    expect(await runner.lag()).toEqual([
      { projection: 'counts', position: positions[3], head: positions[3], lag: 0 },
      { projection: 'renames', position: 0, head: positions[3], lag: positions[3] },
    ]);
    expect(bed.logger.errors.some((message) => message.includes('renames refuses position'))).toBe(true);

    renames.failAt = undefined;
    await expect(runner.waitUntil(positions[3], PATIENCE_MS)).resolves.toBe(true);
    expect(await renames.appliedPositions(bed.dataSource.manager)).toEqual([positions[2]]);
    expect(await bed.checkpoint('renames')).toBe(positions[3]);
    expect(await counts.appliedPositions(bed.dataSource.manager)).toEqual(positions);
    await eventually('lag reported as caught up', () => lags.some((l) => l.projection === 'renames' && l.lag === 0));
  });
});
