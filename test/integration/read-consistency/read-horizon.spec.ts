import { randomUUID } from 'node:crypto';
import type { ProjectionRunner } from '@reorg/projections';
import { PATIENCE_MS, waitFor } from '@reorg/testing';
import { ReadHorizon } from '../../../apps/api/src/read-consistency';
import { QueryDataSource } from '../../../apps/api/src/units/query-data-source';
import { newEvents } from '../event-store/support';
import { CountingProjection } from '../projections/counting-projection';
import { PROJECTION_BACKENDS } from '../projections/projection-backends';
import { ProjectionTestBed } from '../projections/projection-test-bed';

/**
 * The read horizon (ADR 0018) with the frontier from the runner's memory (embedded mode, ADR 0030)
 * and from the committed checkpoints (projections run elsewhere): a query never answers at a
 * position below what a reader could already have seen, and only once every read model has it.
 */
describe.each(PROJECTION_BACKENDS)('the read horizon, on %s', (_, backend) => {
  let bed: ProjectionTestBed;
  let query: QueryDataSource;
  const fast = new CountingProjection('fast');
  const slow = new CountingProjection('slow');

  beforeEach(async () => {
    fast.failAt = undefined;
    slow.failAt = undefined;
    bed = await ProjectionTestBed.open(backend, [fast, slow]);
    query = await QueryDataSource.open(bed.dataSource);
  });
  afterEach(async () => {
    await query?.onModuleDestroy();
    await bed?.close();
  });

  const horizonOf = (runner: ProjectionRunner) => new ReadHorizon(runner, query, bed.store);
  const append = async (count: number): Promise<number> => (await bed.store.appendToStream(`unit-${randomUUID()}`, 'no_stream', newEvents(count))).lastPosition;

  it('embedded: a query arriving once one read model committed a write answers at that write or later, and only when every read model has it', async () => {
    const runner = bed.runner();
    await runner.start([fast, slow]);
    const horizon = horizonOf(runner);
    const before = await append(1);
    await waitFor('both read models at the first write', () => runner.localHorizon()?.lowest === before);
    expect(horizon.reachedNow()).toBe(before);

    // `slow` refuses the next write until told otherwise; `fast` commits it.
    const position = before + 1;
    slow.failAt = position;
    let answered: Promise<{ position: number; fastAt: number; slowAt: number; slowRows: number[] }> | undefined;
    let reachedAtCommit: number | undefined;
    runner.onApplied((name, applied) => {
      // Called once `fast`'s commit is visible to readers, before the runner takes note of it:
      // the moment a stale in-memory frontier would let a query answer behind what others can read.
      if (name !== 'fast' || applied < position || answered) return;
      reachedAtCommit = horizon.reachedNow();
      answered = horizon.reach().then(async (reached) => ({
        position: reached,
        fastAt: runner.positionOf('fast') ?? -1,
        slowAt: runner.positionOf('slow') ?? -1,
        slowRows: await slow.appliedPositions(query.dataSource.manager),
      }));
    });
    expect(await append(1)).toBe(position);
    await waitFor('the fast read model committed the write', () => answered !== undefined);
    await waitFor('the slow read model refused the write at least once', () => slow.failures > 0);
    slow.failAt = undefined;

    const answer = await answered!;
    expect(reachedAtCommit).toBeUndefined();
    expect(answer.position).toBeGreaterThanOrEqual(position);
    expect(Math.min(answer.fastAt, answer.slowAt)).toBeGreaterThanOrEqual(answer.position);
    expect(answer.slowRows).toContain(position);
    expect(horizon.reachedNow()).toBe(position);
  });

  it('embedded: a minimum position beyond the frontier waits for it (or is refused beyond the log)', async () => {
    const runner = bed.runner();
    await runner.start([fast, slow]);
    const horizon = horizonOf(runner);
    const position = await append(2);
    expect(await horizon.reach(position, PATIENCE_MS)).toBe(position);
    expect(runner.localHorizon()).toEqual({ frontier: position, lowest: position });
    await expect(horizon.reach(position + 100)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('projections run elsewhere: the frontier is the committed checkpoints, not what this runner last polled', async () => {
    // This process only follows (and is told never to poll again during the test).
    const follower = bed.runner({ watchIntervalMs: 60 * 60_000 });
    await follower.start([], [fast, slow]);
    expect(follower.localHorizon()).toBeUndefined();
    const horizon = horizonOf(follower);
    expect(horizon.reachedNow()).toBeUndefined();

    const projector = bed.runner();
    await projector.start([fast, slow]);
    const position = await append(3);
    await waitFor('the projector committed both read models', async () => (await bed.checkpoint('fast')) === position && (await bed.checkpoint('slow')) === position);
    expect(follower.positionOf('fast')).toBeLessThan(position);
    expect(await horizon.reach()).toBe(position);
  });
});
