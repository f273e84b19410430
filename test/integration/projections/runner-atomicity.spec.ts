import { randomUUID } from 'node:crypto';
import { PATIENCE_MS } from '@reorg/testing';
import { eventually, newEvents, readEntireLog } from '../event-store/support';
import { CountingProjection } from './counting-projection';
import { PROJECTION_BACKENDS } from './projection-backends';
import { ProjectionTestBed } from './projection-test-bed';

describe.each(PROJECTION_BACKENDS)('projection runner atomicity on %s', (_, backend) => {
  let bed: ProjectionTestBed;
  const counts = new CountingProjection('counts');
  const other = new CountingProjection('other');

  beforeEach(async () => {
    counts.failAt = undefined;
    other.failAt = undefined;
    bed = await ProjectionTestBed.open(backend, [counts, other]);
  });
  // Optional: when opening failed there is no bed (or the previous test's, already closed).
  afterEach(() => bed?.close());

  async function appendEvents(count: number) {
    const stream = `unit-${randomUUID()}`;
    const appended = await bed.store.appendToStream(stream, 'no_stream', newEvents(count));
    // On PostgreSQL the log is readable only below the oldest transaction in flight anywhere.
    await bed.store.waitForPosition(appended.lastPosition, PATIENCE_MS);
    return { stream, events: await readEntireLog(bed.store) };
  }

  it('commits neither rows nor checkpoint when apply fails midway through a batch', async () => {
    const { stream, events } = await appendEvents(5);
    const runner = bed.runner();
    counts.failAt = events[2].position;

    await expect(runner.applyBatch(counts, events)).rejects.toThrow('counts refuses position');
    expect(await bed.checkpoint('counts')).toBe(0);
    expect(await counts.appliedPositions(bed.dataSource.manager)).toEqual([]);
    expect(await counts.countsByStream(bed.dataSource.manager)).toEqual({});

    counts.failAt = undefined;
    await expect(runner.applyBatch(counts, events)).resolves.toBe(events[4].position);
    expect(await counts.countsByStream(bed.dataSource.manager)).toEqual({ [stream]: 5 });
    expect(await bed.checkpoint('counts')).toBe(events[4].position);
  });

  it('keeps concurrent batches of two projections in separate transactions', async () => {
    const { stream, events } = await appendEvents(4);
    other.failAt = events[1].position;
    const runner = bed.runner();

    const [countsOutcome, otherOutcome] = await Promise.allSettled([
      runner.applyBatch(counts, events),
      runner.applyBatch(other, events),
    ]);
    expect(countsOutcome).toEqual({ status: 'fulfilled', value: events[3].position });
    expect(otherOutcome).toMatchObject({ status: 'rejected', reason: { message: expect.stringContaining('other refuses') } });
    expect(await counts.countsByStream(bed.dataSource.manager)).toEqual({ [stream]: 4 });
    expect(await other.appliedPositions(bed.dataSource.manager)).toEqual([]);
    expect(await bed.checkpoint('other')).toBe(0);
  });

  it('changes nothing when already-applied events are delivered again', async () => {
    const { stream, events } = await appendEvents(7);
    const runner = bed.runner();
    await runner.applyBatch(counts, events.slice(0, 5));

    await expect(runner.applyBatch(counts, events.slice(1, 3))).resolves.toBe(events[4].position);
    expect(await bed.checkpoint('counts')).toBe(events[4].position);
    expect(await counts.countsByStream(bed.dataSource.manager)).toEqual({ [stream]: 5 });

    await expect(runner.applyBatch(counts, events.slice(3))).resolves.toBe(events[6].position);
    expect(await counts.appliedPositions(bed.dataSource.manager)).toEqual(events.map((event) => event.position));
    expect(await counts.countsByStream(bed.dataSource.manager)).toEqual({ [stream]: 7 });
  });

  it('retries a failing batch from the checkpoint until it succeeds, never skipping it', async () => {
    const { stream, events } = await appendEvents(6);
    counts.failAt = events[3].position;
    const runner = bed.runner();
    await runner.start([counts]);

    await eventually('three failures are logged', () => bed.logger.errors.length >= 3);
    expect(runner.positionOf('counts')).toBe(0);
    expect(await bed.checkpoint('counts')).toBe(0);
    expect(await counts.appliedPositions(bed.dataSource.manager)).toEqual([]);
    expect(counts.failures).toBeGreaterThanOrEqual(3);

    counts.failAt = undefined;
    await expect(runner.waitUntil(events[5].position, PATIENCE_MS)).resolves.toBe(true);
    expect(await counts.appliedPositions(bed.dataSource.manager)).toEqual(events.map((event) => event.position));
    expect(await counts.countsByStream(bed.dataSource.manager)).toEqual({ [stream]: 6 });
    expect(bed.logger.infos.some((message) => message.includes('recovered'))).toBe(true);
  });
});
