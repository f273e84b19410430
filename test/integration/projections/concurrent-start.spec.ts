import { PostgresEventStore } from '@reorg/event-store';
import { openReadModelDataSource } from '@reorg/projections';
import { requirePostgres, uniqueName } from '@reorg/testing';
import { Client } from 'pg';
import { CountingProjection } from './counting-projection';

/** Distributed mode: api, projector, approval and notifier may start at once on a schema that does not exist yet. */
describe('several processes starting together on a new PostgreSQL schema', () => {
  const url = requirePostgres();
  const schema = uniqueName('concurrent_start');

  afterAll(async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('creates the schema and the tables once, and every start succeeds', async () => {
    const projections = [new CountingProjection('a'), new CountingProjection('b')];
    const starts = await Promise.allSettled([
      PostgresEventStore.connect({ connectionString: url, schema }),
      ...Array.from({ length: 4 }, () => openReadModelDataSource({ kind: 'postgres', databaseUrl: url, schema }, projections)),
      PostgresEventStore.connect({ connectionString: url, schema }),
    ]);
    const failures = starts.filter((start) => start.status === 'rejected').map((start) => String((start as PromiseRejectedResult).reason));
    for (const start of starts) {
      if (start.status === 'fulfilled') await ('destroy' in start.value ? start.value.destroy() : start.value.close());
    }
    expect(failures).toEqual([]);
  });
});
