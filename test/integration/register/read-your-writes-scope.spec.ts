import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, SqliteEventStore } from '@reorg/event-store';
import { GoverningBodyService } from '@reorg/register';
import { GetGoverningBody, GetGoverningBodyHandler, type GoverningBodyQueries } from '@reorg/read-models';
import { WrittenPositions, collectWrittenPositions } from '@reorg/projections';

/**
 * Read-your-writes lives at the edge, not in controllers: the pipeline notes each commit's position
 * in the request's scope, and a query sent in that scope (and the answer) waits for it.
 */
describe('read-your-writes scope', () => {
  let dir: string;
  let store: EventStore;
  const admin = { actor: 'admin-1', roles: ['admin'] };
  const body = (code: string) => ({ code, name: 'Sở Y tế', system: 'GOVERNMENT' as const, level: 'PROVINCE' as const });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ryw-scope-'));
    store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  });

  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('notes the position of every commit made in the scope, the highest winning', async () => {
    const positions = new WrittenPositions();
    const bodies = new GoverningBodyService(store);
    const [first, second] = await collectWrittenPositions(positions, async () => [await bodies.register(body('RYW-1'), admin), await bodies.register(body('RYW-2'), admin)]);
    expect(first.lastPosition).toBeGreaterThan(0);
    expect(second.lastPosition).toBeGreaterThan(first.lastPosition);
    expect(positions.last).toBe(second.lastPosition);
  });

  it('notes nothing outside a scope, and nothing in another scope', async () => {
    const other = new WrittenPositions();
    await collectWrittenPositions(other, () => Promise.resolve());
    await new GoverningBodyService(store).register(body('RYW-3'), admin);
    expect(other.last).toBe(0);
  });

  it('makes a query sent in the scope wait for the read models to reach the scope’s writes, once', async () => {
    const order: string[] = [];
    const waited: number[] = [];
    const positions = new WrittenPositions(async (position) => {
      waited.push(position);
      order.push('read models reached the write');
    });
    const queries = { get: async () => (order.push('query ran'), undefined) } as unknown as GoverningBodyQueries;
    const handler = new GetGoverningBodyHandler(queries);
    const { lastPosition } = await collectWrittenPositions(positions, async () => {
      const written = await new GoverningBodyService(store).register(body('RYW-4'), admin);
      await handler.execute(new GetGoverningBody(written.bodyId, '2025-01-01'));
      await positions.settle();
      return written;
    });
    expect(order).toEqual(['read models reached the write', 'query ran']);
    expect(waited).toEqual([lastPosition]);
  });
});
