/* Event store throughput: durable appends/s per adapter, printed with the conditions. */
import { randomUUID } from 'node:crypto';
import { v7 as timeOrderedUuid } from 'uuid';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Pool } from 'pg';
import { type EventStore, type NewEvent, PostgresEventStore, SqliteEventStore } from '@reorg/event-store';

const WRITERS = Number(process.env.BENCH_WRITERS ?? 50);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

function unitEvent(i: number): NewEvent {
  return {
    eventId: timeOrderedUuid(),
    type: 'UnitEstablished',
    data: {
      code: `U${i}`,
      name: `Trường Trung học cơ sở số ${i}`,
      governingBodyId: '6f1c2c3e-8f7e-4a51-9a43-0d2f1c6b7a10',
      sector: 'EDUCATION',
      autonomyGroup: 'GROUP_3',
      staffingQuota: 42,
      level: 'DISTRICT',
    },
    metadata: { actor: 'bench', roles: ['admin'], correlationId: randomUUID(), effectiveDate: '2020-01-01' },
  };
}

const EVENT_BYTES = Buffer.byteLength(JSON.stringify(unitEvent(123456)));

interface Scenario {
  name: string;
  eventsPerCommand: number;
  run: (store: EventStore, writer: number, n: number) => Promise<unknown>;
}

const scenarios: Scenario[] = [
  {
    name: '1-event appends',
    eventsPerCommand: 1,
    run: (store, w, n) => store.appendToStream(`one-${w}-${n}`, 'no_stream', [unitEvent(n)]),
  },
  {
    name: '3-event appends',
    eventsPerCommand: 3,
    run: (store, w, n) => store.appendToStream(`three-${w}-${n}`, 'no_stream', [unitEvent(n), unitEvent(n), unitEvent(n)]),
  },
  {
    name: '5-stream atomic appends',
    eventsPerCommand: 5,
    run: (store, w, n) =>
      store.appendMultiple(
        Array.from({ length: 5 }, (_, k) => ({ streamId: `multi-${w}-${n}-${k}`, expectedVersion: 'no_stream' as const, events: [unitEvent(n)] })),
      ),
  },
];

type Measured = { commandsPerSec: number; eventsPerSec: number; p50: number; p99: number; cpuUsPerCommand: number; eventLoopUtilization: number };

/**
 * Besides throughput and latency: the process's CPU time per command (every thread: the writer thread's
 * too; under a loaded machine the figure that does not depend on the neighbours) and the share of the
 * run the main thread's event loop was busy (what a request arriving meanwhile would wait behind).
 */
async function measure(store: EventStore, scenario: Scenario): Promise<Measured> {
  const latencies: number[] = [];
  const deadline = Date.now() + DURATION_MS;
  let commands = 0;
  const cpuBefore = process.cpuUsage();
  const loopBefore = performance.eventLoopUtilization();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      let n = 0;
      while (Date.now() < deadline) {
        const t0 = process.hrtime.bigint();
        await scenario.run(store, w, n++);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        commands += 1;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const loop = performance.eventLoopUtilization(loopBefore);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return {
    commandsPerSec: commands / seconds,
    eventsPerSec: (commands * scenario.eventsPerCommand) / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    cpuUsPerCommand: (cpu.user + cpu.system) / commands,
    eventLoopUtilization: loop.utilization,
  };
}

/** What a durable one-event append costs the machine without our code: the same rows, 50 writers, raw drivers. */
type RawAppend = (writer: number, n: number) => Promise<unknown>;

async function measureRaw(append: RawAppend) {
  return measure(undefined as never, { name: 'raw', eventsPerCommand: 1, run: (_store, w, n) => append(w, n) });
}

/**
 * better-sqlite3 as the store uses it (WAL, synchronous=FULL, same cache and checkpoint pragmas):
 * appends queued and committed together, one transaction per turn of the event loop, each append
 * inside its own savepoint; a writer's promise settles after the COMMIT.
 */
async function rawSqliteGroupCommit(path: string) {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -65536');
  db.pragma('wal_autocheckpoint = 10000');
  db.exec('CREATE TABLE raw_events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL UNIQUE, data TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO raw_events (stream_id, data) VALUES (?, ?)');
  let queue: { streamId: string; data: string; done: () => void }[] = [];
  const flush = () => {
    const batch = queue;
    queue = [];
    db.exec('BEGIN IMMEDIATE');
    for (const append of batch) {
      db.exec('SAVEPOINT a');
      insert.run(append.streamId, append.data);
      db.exec('RELEASE a');
    }
    db.exec('COMMIT');
    for (const append of batch) append.done();
  };
  const result = await measureRaw(
    (w, n) =>
      new Promise<void>((done) => {
        if (queue.length === 0) setImmediate(flush);
        queue.push({ streamId: `raw-${w}-${n}`, data: JSON.stringify(unitEvent(n)), done });
      }),
  );
  db.close();
  return result;
}

/** PostgreSQL: one INSERT statement per append (autocommit), over a pool as large as the store's (10). */
async function rawPostgresInsert(schema: string) {
  const pool = new Pool({ connectionString: DATABASE_URL, max: 10 });
  await pool.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.raw_events (position bigserial PRIMARY KEY, stream_id text NOT NULL UNIQUE, data jsonb NOT NULL)`);
  try {
    return await measureRaw((w, n) => pool.query(`INSERT INTO ${schema}.raw_events (stream_id, data) VALUES ($1, $2)`, [`raw-${w}-${n}`, JSON.stringify(unitEvent(n))]));
  } finally {
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool.end();
  }
}

async function readAllRate(store: EventStore): Promise<number> {
  const started = process.hrtime.bigint();
  let after = 0;
  let count = 0;
  for (;;) {
    const events = await store.readAll({ after, maxCount: 5000 });
    if (events.length === 0) break;
    count += events.length;
    after = events[events.length - 1].position;
  }
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function benchAdapter(name: string, open: () => Promise<EventStore>, conditions: () => Promise<Record<string, string>>, cleanup: (s: EventStore) => Promise<void>, raw: { name: string; run: () => Promise<Measured> }) {
  const rows: Record<string, unknown>[] = [];
  // The raw baseline right before the store, so that both meet the same neighbours.
  const baseline = await raw.run();
  rows.push({ adapter: name, scenario: raw.name, ...round(baseline) });
  let store = await open();
  const durability = await conditions.call(store);
  for (const scenario of scenarios) {
    const r = await measure(store, scenario);
    rows.push({ adapter: name, scenario: scenario.name, ...round(r), ...(scenario.eventsPerCommand === 1 ? { 'x raw': Number((r.commandsPerSec / baseline.commandsPerSec).toFixed(2)) } : {}) });
  }
  rows.push({ adapter: name, scenario: 'read all', eventsPerSec: Math.round(await readAllRate(store)) });
  await cleanup(store);
  store = undefined as never;
  return { rows, durability };
}

function round(r: Record<string, number>) {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k.startsWith('p') || k === 'eventLoopUtilization' ? Number(v.toFixed(2)) : Math.round(v)]));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
  const loadBefore = loadavg().map((l) => l.toFixed(2)).join(' ');
  const only = process.env.BENCH_ADAPTERS?.split(',') ?? ['sqlite', 'postgres'];
  const results: { rows: Record<string, unknown>[]; durability: Record<string, string> }[] = [];
  if (only.includes('sqlite')) {
    let sqlite: SqliteEventStore;
    results.push(
      await benchAdapter(
        'sqlite',
        async () => (sqlite = SqliteEventStore.open({ path: join(dir, 'events.sqlite') })),
        async () => {
          // Read on the connection that commits appends (the writer thread's).
          const pragmas = await sqlite.writerPragmas();
          return { sqlite_writer: sqlite.writerMode, sqlite_synchronous: `${pragmas.synchronous} (2 = FULL)`, sqlite_journal_mode: pragmas.journalMode };
        },
        async (s) => s.close(),
        { name: 'raw better-sqlite3 group commit (savepoint per append)', run: () => rawSqliteGroupCommit(join(dir, 'raw.sqlite')) },
      ),
    );
  }
  if (only.includes('sqlite') && process.env.BENCH_SQLITE_INLINE !== '0') {
    // The same store with its writer on this thread (writer: 'inline', as before ADR 0027), against the same baseline.
    const baseline = results[results.length - 1].rows[0];
    const inline = SqliteEventStore.open({ path: join(dir, 'inline.sqlite'), writer: 'inline' });
    const r = await measure(inline, scenarios[0]);
    await inline.close();
    results[results.length - 1].rows.push({
      adapter: 'sqlite (inline writer)',
      scenario: scenarios[0].name,
      ...round(r),
      'x raw': Number((r.commandsPerSec / Number(baseline.commandsPerSec)).toFixed(2)),
    });
  }
  if (only.includes('postgres')) {
    let pg: PostgresEventStore;
    results.push(
      await benchAdapter(
        'postgres',
        async () => (pg = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema: `bench_${Date.now()}` })),
        async () => {
          const q = async (setting: string) => (await pg.connectionPool.query(`SHOW ${setting}`)).rows[0][setting] as string;
          return { pg_synchronous_commit: await q('synchronous_commit'), pg_fsync: await q('fsync'), pg_version: await q('server_version') };
        },
        async (s) => {
          await (s as PostgresEventStore).dropSchema();
          await s.close();
        },
        { name: 'raw single-statement INSERT', run: () => rawPostgresInsert(`bench_raw_${Date.now()}`) },
      ),
    );
  }
  rmSync(dir, { recursive: true, force: true });
  const conditions = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverage: `${loadBefore} (start), ${loadavg().map((l) => l.toFixed(2)).join(' ')} (end); 1, 5, 15 min`,
    writers: WRITERS,
    durationPerScenarioMs: DURATION_MS,
    eventBytes: EVENT_BYTES,
    eventIds: 'UUIDv7 (as the app generates them)',
    sqlitePragmas: 'journal_mode=WAL, synchronous=FULL, cache_size=64MiB, wal_autocheckpoint=10000',
    ...Object.assign({}, ...results.map((r) => r.durability)),
  };
  console.log('Conditions:');
  for (const [k, v] of Object.entries(conditions)) console.log(`  ${k}: ${v}`);
  console.table(results.flatMap((r) => r.rows));
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/store.json', JSON.stringify({ conditions, results: results.flatMap((r) => r.rows) }, null, 2));
  console.log('written bench-results/store.json');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
