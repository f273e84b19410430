import { GroupedTransactions, ProjectionCheckpoint } from '@reorg/projections';
import type { DataSource, EntityManager } from 'typeorm';
import { PROJECTION_BACKENDS, type ProjectionBackend } from './projection-backends';

describe.each(PROJECTION_BACKENDS)('grouped transactions on %s', (_, backendFactory) => {
  let backend: ProjectionBackend;
  let dataSource: DataSource;
  let commits: number;

  beforeEach(async () => {
    backend = await backendFactory();
    dataSource = await backend.openReadModels([]);
    commits = 0;
    dataSource.subscribers.push({ afterTransactionCommit: () => void (commits += 1) });
  });
  afterEach(async () => {
    await dataSource?.destroy();
    await backend?.dispose();
  });

  const save = (name: string, position: number) => (tx: EntityManager) => tx.insert(ProjectionCheckpoint, { name, position });
  const positions = async () =>
    Object.fromEntries((await dataSource.manager.find(ProjectionCheckpoint, { order: { name: 'ASC' } })).map((row) => [row.name, row.position]));

  it('commits the work queued in one turn once, and a failing piece leaves nothing while the others commit', async () => {
    const grouped = new GroupedTransactions(dataSource);
    const results = await Promise.allSettled([
      grouped.run(save('a', 1)),
      grouped.run(async (tx) => {
        await save('b', 2)(tx);
        throw new Error('refused after writing');
      }),
      grouped.run(async (tx) => {
        await save('c', 3)(tx);
        return 'c saved';
      }),
      grouped.run(save('a', 4)), // duplicate key: fails on its own
    ]);

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((results[2] as PromiseFulfilledResult<string>).value).toBe('c saved');
    expect(commits).toBe(1);
    expect(await positions()).toEqual({ a: 1, c: 3 });

    await grouped.run(save('d', 5));
    expect(commits).toBe(2);
  });
});
