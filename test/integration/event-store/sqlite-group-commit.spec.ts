import Database from 'better-sqlite3';
import { type SqliteEventStore, VersionConflictError } from '@reorg/event-store';
import { type SqliteFixture, sqliteFixture } from './sqlite-fixture';
import { newEvents, readEntireLog, uniqueStream, verifyStore } from './support';

describe('SQLite event store: durability and group commit', () => {
  let fixture: SqliteFixture;
  let store: SqliteEventStore;

  beforeEach(async () => {
    fixture = await sqliteFixture();
    store = await fixture.open();
  });

  afterEach(async () => {
    await store.close();
    await fixture.dispose();
  });

  it('commits 50 concurrent appends in a handful of transactions, failing only the one that conflicts', async () => {
    const streams = Array.from({ length: 50 }, () => uniqueStream());
    await store.appendToStream(streams[17], 'no_stream', newEvents(1));
    const transactionsBefore = store.stats().transactions;

    const outcomes = await Promise.allSettled(
      streams.map((stream, index) => store.appendToStream(stream, index === 17 ? 5 : 'no_stream', newEvents(2))),
    );

    const transactions = store.stats().transactions - transactionsBefore;
    expect(transactions).toBeGreaterThanOrEqual(1);
    expect(transactions).toBeLessThanOrEqual(5);
    const rejected = outcomes.flatMap((o, index) => (o.status === 'rejected' ? [{ index, reason: o.reason as unknown }] : []));
    expect(rejected).toHaveLength(1);
    expect(rejected[0].index).toBe(17);
    expect(rejected[0].reason).toBeInstanceOf(VersionConflictError);
    expect(rejected[0].reason).toMatchObject({ streamId: streams[17], expectedVersion: 5, actualVersion: 1 });
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(49);

    expect(await store.readStream(streams[17])).toHaveLength(1);
    for (const stream of streams.filter((_, index) => index !== 17)) {
      expect((await store.readStream(stream)).map((e) => e.version)).toEqual([1, 2]);
    }
    const log = await readEntireLog(store);
    expect(log.map((e) => e.position)).toEqual(Array.from({ length: 99 }, (_, i) => i + 1));
    expect((await verifyStore(store)).ok).toBe(true);
  });

  it('runs with synchronous=FULL on its connection and keeps the file in WAL mode', async () => {
    // synchronous is per connection, so it is read on the store's own; journal_mode is stored in the file.
    expect(store.database.pragma('synchronous', { simple: true })).toBe(2);
    await store.appendToStream(uniqueStream(), 'no_stream', newEvents(1));
    const raw = new Database(fixture.path, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 });
    } finally {
      raw.close();
    }
  });
});
