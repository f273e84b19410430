import { Client } from 'pg';
import type { PostgresEventStore, RecordedEvent, Subscription } from '@reorg/event-store';
import { DATABASE_URL, type PostgresFixture, assertPostgresReachable, postgresFixture } from './postgres-fixture';
import { eventually, newEvents, sleep, uniqueStream, verifyStore } from './support';

beforeAll(assertPostgresReachable);

describe('PostgreSQL event store: transactions still in flight', () => {
  let fixture: PostgresFixture;
  let store: PostgresEventStore;
  let raw: Client;
  let subscription: Subscription | undefined;

  beforeEach(async () => {
    fixture = await postgresFixture();
    store = await fixture.open();
    raw = new Client({ connectionString: DATABASE_URL });
    await raw.connect();
  });

  afterEach(async () => {
    await subscription?.close();
    subscription = undefined;
    await raw?.end();
    await store?.close();
    await fixture?.dispose();
  });

  /** Takes the next position the way a competing writer would, and keeps its transaction open. */
  async function beginInFlightInsert(): Promise<number> {
    const s = `"${fixture.schema}"`;
    await raw.query('BEGIN');
    const { rows } = await raw.query<{ position: string }>(
      `INSERT INTO ${s}.events (position, event_id, stream_id, version, type, schema_version, data, metadata, hash, global_hash)
       VALUES (nextval('${s}.events_position_seq'), gen_random_uuid(), 'unit-in-flight', 1, 'UnitRegistered', 1, '{}', '{}', repeat('0', 64), repeat('0', 64))
       RETURNING position`,
    );
    return Number(rows[0].position);
  }

  it('delivers nothing past n-1 while the transaction holding n is open, and does not stall on its rolled-back gap', async () => {
    await store.appendToStream(uniqueStream(), 'no_stream', newEvents(3));
    const delivered: RecordedEvent[] = [];
    subscription = store.subscribeToAll(async (events) => void delivered.push(...events), { after: 0 });
    await eventually('the first 3 events were delivered', () => delivered.length === 3);

    const n = await beginInFlightInsert();
    expect(n).toBe(4);
    const later = await store.appendToStream(uniqueStream(), 'no_stream', newEvents(1));
    expect(later.lastPosition).toBeGreaterThan(n);

    await sleep(1_000);
    expect(delivered.map((e) => e.position)).toEqual([1, 2, 3]);
    expect((await store.readAll()).map((e) => e.position)).toEqual([1, 2, 3]);
    expect(await store.headPosition()).toBe(n - 1);
    await expect(store.waitForPosition(later.lastPosition, 300)).resolves.toBe(false);

    await raw.query('ROLLBACK');
    await eventually('the event after the gap was delivered', () => delivered.length === 4);
    expect(delivered.map((e) => e.position)).toEqual([1, 2, 3, later.lastPosition]);
    expect((await store.readAll()).map((e) => e.position)).toEqual([1, 2, 3, later.lastPosition]);
    expect(await store.headPosition()).toBe(later.lastPosition);
    expect((await verifyStore(store)).ok).toBe(true);
  });

  it('shows a command every committed event (consistency: committed) while an unrelated transaction holds the gap-free prefix back', async () => {
    await store.appendToStream(uniqueStream(), 'no_stream', newEvents(2));
    await raw.query('BEGIN');
    await raw.query('SELECT pg_current_xact_id()'); // any open transaction with an xid, even on another table
    const appended = await store.appendToStream(uniqueStream(), 'no_stream', newEvents(2));

    expect((await store.readAll()).map((e) => e.position)).toEqual([1, 2]);
    expect((await store.readAll({ consistency: 'committed' })).map((e) => e.position)).toEqual([1, 2, 3, appended.lastPosition]);
    expect((await store.readAll({ after: 2, consistency: 'committed' })).map((e) => e.position)).toEqual([3, appended.lastPosition]);

    await raw.query('COMMIT');
    await eventually('the prefix caught up', async () => (await store.readAll()).length === 4);
  });

  it('drops its throwaway schema with dropSchema()', async () => {
    await store.appendToStream(uniqueStream(), 'no_stream', newEvents(1));
    await store.dropSchema();
    const { rows } = await raw.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [fixture.schema]);
    expect(rows).toEqual([]);
  });
});
