import { randomUUID } from 'node:crypto';
import { PATIENCE_MS } from '@reorg/testing';
import { newEvents } from '../event-store/support';
import { CountingProjection } from './counting-projection';
import { PROJECTION_BACKENDS } from './projection-backends';
import { ProjectionTestBed } from './projection-test-bed';

/** Distributed mode: the projector runs a projection, the api's runner only follows its checkpoint. */
describe.each(PROJECTION_BACKENDS)('a runner following projections run elsewhere, on %s', (_, backend) => {
  let bed: ProjectionTestBed;
  const counts = new CountingProjection('counts');
  const local = new CountingProjection('local');

  beforeEach(async () => {
    bed = await ProjectionTestBed.open(backend, [counts, local]);
  });
  afterEach(() => bed?.close());

  async function append(count: number): Promise<number> {
    const appended = await bed.store.appendToStream(`unit-${randomUUID()}`, 'no_stream', newEvents(count));
    await bed.store.waitForPosition(appended.lastPosition, PATIENCE_MS);
    return appended.lastPosition;
  }

  it('answers waitUntil only once the other process committed the position, without projecting itself', async () => {
    const follower = bed.runner({ watchIntervalMs: 10 });
    await follower.start([], [counts]);
    const position = await append(3);

    expect(await follower.waitUntil(position, 300)).toBe(false);
    expect(await counts.appliedPositions(bed.dataSource.manager)).toEqual([]);
    expect(await follower.lag()).toEqual([{ projection: 'counts', position: 0, head: position, lag: position }]);

    const projector = bed.runner();
    await projector.start([counts]);
    expect(await follower.waitUntil(position, PATIENCE_MS)).toBe(true);
    expect(follower.positionOf('counts')).toBe(position);
    expect(await counts.appliedPositions(bed.dataSource.manager)).toHaveLength(3);
  });

  it('waits for both its own projections and the followed ones', async () => {
    const api = bed.runner({ watchIntervalMs: 10 });
    await api.start([local], [counts]);
    const position = await append(2);

    expect(await api.waitUntil(position, 300)).toBe(false);
    expect(api.positionOf('local')).toBe(position);

    const projector = bed.runner();
    await projector.start([counts]);
    expect(await api.waitUntil(position, PATIENCE_MS)).toBe(true);
  });

  it('refuses a projection both run and followed', async () => {
    await expect(bed.runner().start([counts], [counts])).rejects.toThrow('two projections are named counts');
  });
});
