import Database from 'better-sqlite3';
import { type EventStore, RecordedAtAheadError, type VerificationFailure } from '@reorg/event-store';
import { assertPostgresReachable, postgresFixture } from './postgres-fixture';
import { sqliteFixture } from './sqlite-fixture';
import { newEvent, readingOwnWrites, uniqueStream, verifyStore } from './support';

/** One store with raw SQL access to its `events` table, as someone with database access has. */
interface ColumnBed {
  dialect: 'sqlite' | 'postgres';
  open(): Promise<EventStore>;
  /** `UPDATE events SET <assignment> WHERE position = ?`, through a connection of its own. */
  set(position: number, assignment: string): Promise<void>;
  columns(): Promise<string[]>;
  dispose(): Promise<void>;
}

async function sqliteBed(): Promise<ColumnBed> {
  const fixture = await sqliteFixture();
  const withDb = <T>(work: (db: Database.Database) => T): T => {
    const db = new Database(fixture.path);
    try {
      return work(db);
    } finally {
      db.close();
    }
  };
  return {
    dialect: 'sqlite',
    open: async () => readingOwnWrites(await fixture.open()),
    set: async (position, assignment) => void withDb((db) => db.prepare(`UPDATE events SET ${assignment} WHERE position = ?`).run(position)),
    columns: async () => withDb((db) => (db.prepare('PRAGMA table_info(events)').all() as { name: string }[]).map((c) => c.name)),
    dispose: () => fixture.dispose(),
  };
}

async function postgresBed(): Promise<ColumnBed> {
  const fixture = await postgresFixture();
  return {
    dialect: 'postgres',
    open: async () => readingOwnWrites(await fixture.open()),
    set: async (position, assignment) => void (await fixture.sql(`UPDATE $s.events SET ${assignment} WHERE position = $1`, [position])),
    columns: async () =>
      (await fixture.sql<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'events'`, [fixture.schema])).map(
        (row) => row.column_name,
      ),
    dispose: () => fixture.dispose(),
  };
}

type Ids = { a: string; b: string };
interface ColumnCase {
  column: string;
  /** The SET clause per dialect (the log is A1 A2 A3 B1 B2 A4 B3 at positions 1..7). */
  assignment: (ids: Ids) => Partial<Record<ColumnBed['dialect'], string>>;
  at: number;
  where: (ids: Ids) => Omit<VerificationFailure, 'reason'>;
  reason: RegExp;
}

const FUTURE = '2099-01-01T00:00:00.000Z';

/** Every column of the events table, each changed by hand on one event: every change is a broken link. */
const CASES: ColumnCase[] = [
  { column: 'position', assignment: () => ({ sqlite: 'position = 9', postgres: 'position = 9' }), at: 7, where: ({ b }) => ({ streamId: b, version: 3, position: 9 }), reason: /global hash mismatch/ },
  {
    column: 'event_id',
    assignment: () => ({ sqlite: "event_id = '00000000-0000-4000-8000-000000000000'", postgres: "event_id = '00000000-0000-4000-8000-000000000000'" }),
    at: 2,
    where: ({ a }) => ({ streamId: a, version: 2, position: 2 }),
    reason: /stream hash mismatch/,
  },
  { column: 'stream_id', assignment: () => ({ sqlite: "stream_id = 'unit-moved'", postgres: "stream_id = 'unit-moved'" }), at: 2, where: () => ({ streamId: 'unit-moved', version: 2, position: 2 }), reason: /missing or out of order/ },
  { column: 'version', assignment: () => ({ sqlite: 'version = 9', postgres: 'version = 9' }), at: 2, where: ({ a }) => ({ streamId: a, version: 9, position: 2 }), reason: /missing or out of order/ },
  { column: 'type', assignment: () => ({ sqlite: "type = 'UnitDissolved'", postgres: "type = 'UnitDissolved'" }), at: 2, where: ({ a }) => ({ streamId: a, version: 2, position: 2 }), reason: /stream hash mismatch/ },
  { column: 'schema_version', assignment: () => ({ sqlite: 'schema_version = 2', postgres: 'schema_version = 2' }), at: 2, where: ({ a }) => ({ streamId: a, version: 2, position: 2 }), reason: /stream hash mismatch/ },
  {
    column: 'data',
    assignment: () => ({ sqlite: "data = replace(data, 'Quan 2', 'Quan 3')", postgres: "data = replace(data::text, 'Quan 2', 'Quan 3')::jsonb" }),
    at: 2,
    where: ({ a }) => ({ streamId: a, version: 2, position: 2 }),
    reason: /stream hash mismatch/,
  },
  {
    column: 'metadata',
    assignment: () => ({ sqlite: `metadata = json_set(metadata, '$.recordedAt', '${FUTURE}')`, postgres: `metadata = jsonb_set(metadata, '{recordedAt}', '"${FUTURE}"')` }),
    at: 2,
    where: ({ a }) => ({ streamId: a, version: 2, position: 2 }),
    reason: /stream hash mismatch/,
  },
  { column: 'hash', assignment: () => ({ sqlite: "hash = replace(hash, substr(hash, 1, 1), 'x')", postgres: "hash = 'x' || substr(hash, 2)" }), at: 2, where: ({ a }) => ({ streamId: a, version: 2, position: 2 }), reason: /stream hash mismatch/ },
  { column: 'global_hash', assignment: () => ({ sqlite: "global_hash = 'x' || substr(global_hash, 2)", postgres: "global_hash = 'x' || substr(global_hash, 2)" }), at: 2, where: ({ a }) => ({ streamId: a, version: 2, position: 2 }), reason: /global hash mismatch/ },
  // Commit bookkeeping, not event content: pushed into the future it hides the event from every reader, which verification sees as a gap.
  { column: 'tx_id', assignment: () => ({ postgres: "tx_id = (pg_current_xact_id()::text::bigint + 1000000)::text::xid8" }), at: 2, where: ({ a }) => ({ streamId: a, version: 3, position: 3 }), reason: /missing or out of order/ },
];

const BEDS: Array<[string, () => Promise<ColumnBed>]> = [
  ['SQLite', sqliteBed],
  ['PostgreSQL', postgresBed],
];

beforeAll(assertPostgresReachable);

describe.each(BEDS)('every stored column of an event is covered by verification (%s)', (_name, bedOf) => {
  let bed: ColumnBed;
  let store: EventStore;

  beforeEach(async () => {
    bed = await bedOf();
    store = await bed.open();
  });

  afterEach(async () => {
    await store.close();
    await bed.dispose();
  });

  async function writeLog(): Promise<Ids> {
    const a = uniqueStream('unit');
    const b = uniqueStream('body');
    const layout: Array<[string, number]> = [[a, 1], [a, 2], [a, 3], [b, 1], [b, 2], [a, 4], [b, 3]];
    for (const [streamId, version] of layout) {
      await store.appendToStream(streamId, version === 1 ? 'no_stream' : version - 1, [newEvent('UnitRenamed', { name: `Quan ${version}` })]);
    }
    expect((await verifyStore(store)).ok).toBe(true);
    return { a, b };
  }

  it('has a tamper case for every column the table has (a new column needs one)', async () => {
    const covered = CASES.filter((c) => c.assignment({ a: '', b: '' })[bed.dialect] !== undefined).map((c) => c.column);
    expect((await bed.columns()).sort()).toEqual(covered.sort());
  });

  it.each(CASES.map((c) => [c.column, c] as const))('reports a change of %s at the first broken link', async (_column, testCase) => {
    const assignment = testCase.assignment({ a: '', b: '' })[bed.dialect];
    if (assignment === undefined) return; // the column does not exist in this dialect (checked above)
    const ids = await writeLog();
    await bed.set(testCase.at, assignment);
    const report = await verifyStore(store);
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([{ ...testCase.where(ids), reason: expect.stringMatching(testCase.reason) }]);
  });

  it('does not adopt a future recordedAt written by hand into the last event: appends refuse, the log stays as it was', async () => {
    await writeLog();
    await bed.set(7, bed.dialect === 'sqlite' ? `metadata = json_set(metadata, '$.recordedAt', '${FUTURE}')` : `metadata = jsonb_set(metadata, '{recordedAt}', '"${FUTURE}"')`);
    await expect(store.appendToStream(uniqueStream(), 'no_stream', [newEvent('UnitRenamed', { name: 'after' })])).rejects.toBeInstanceOf(RecordedAtAheadError);
    expect(await store.headPosition()).toBe(7);
    const report = await verifyStore(store);
    expect(report.failures[0]).toMatchObject({ position: 7, reason: expect.stringMatching(/stream hash mismatch/) });
  });
});
