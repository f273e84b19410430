/*
 * Focused `units.v1` rebuild: where the time goes, beside the store's own read ceiling measured in
 * the same run. Per store: (1) read the whole log and nothing else (the ceiling), (2) read + the
 * in-memory fold, no database writes, (3) the real rebuild into shadow tables and the swap.
 * BENCH_UNITS_LOG_DIR (SQLite) / BENCH_UNITS_KEEP_SCHEMA=1 (PostgreSQL; schema BENCH_UNITS_SCHEMA,
 * default bench_units_<events>) keep the generated log for the next run, so before/after runs fold
 * the same history.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, PostgresEventStore, SqliteEventStore } from '@reorg/event-store';
import { openReadModelDataSource, type ReadModelDatabaseOptions } from '@reorg/projections';
import { rebuildProjection } from '@reorg/projections/rebuild';
import { unitsProjection } from '@reorg/read-models/units';
import { UnitsBulkFold } from '@reorg/read-models/units/units.bulk-fold';
import { generateLog } from './read/generate-log';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ADAPTERS = process.env.BENCH_ADAPTERS?.split(',') ?? ['sqlite', 'postgres'];
const TARGETS: Record<string, number> = { sqlite: 150_000, postgres: 60_000 };

let clockMs = Date.UTC(2018, 0, 1);
const clock = () => (clockMs += 60_000);
/** Events per wall-clock second and per second of this process's CPU (user + system): on shared cores the second is the stable one. */
interface Rate {
  wall: number;
  cpu: number;
}
const start = () => ({ wall: performance.now(), cpu: process.cpuUsage() });
function rate(events: number, since: ReturnType<typeof start>): Rate {
  const cpu = process.cpuUsage(since.cpu);
  return { wall: Math.round(events / ((performance.now() - since.wall) / 1000)), cpu: Math.round(events / ((cpu.user + cpu.system) / 1e6)) };
}

async function readOnly(store: EventStore): Promise<Rate> {
  const t0 = start();
  let position = 0;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ after: position, maxCount: 10_000 });
    if (page.length === 0) break;
    events += page.length;
    position = page[page.length - 1].position;
  }
  return rate(events, t0);
}

async function foldOnly(store: EventStore): Promise<Rate> {
  const t0 = start();
  const fold = new UnitsBulkFold();
  let position = 0;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ after: position, maxCount: 10_000 });
    if (page.length === 0) break;
    fold.fold(page);
    events += page.length;
    position = page[page.length - 1].position;
  }
  fold.finish();
  return rate(events, t0);
}

async function openStore(kind: string, dir: string): Promise<{ store: EventStore; database: ReadModelDatabaseOptions; fresh: boolean; dispose: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const path = join(dir, `units-${EVENTS}.sqlite`);
    const fresh = !existsSync(path);
    const store = SqliteEventStore.open({ path, clock });
    const sqlitePath = join(dir, `units-${EVENTS}-rm-${Date.now()}.sqlite`);
    return { store, database: { kind: 'sqlite', sqlitePath }, fresh, dispose: async () => { await store.close(); rmSync(sqlitePath, { force: true }); } };
  }
  const schema = process.env.BENCH_UNITS_SCHEMA ?? `bench_units_${EVENTS}`;
  const keep = Boolean(process.env.BENCH_UNITS_KEEP_SCHEMA);
  const pg = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, clock });
  const fresh = (await pg.headPosition()) === 0;
  const rm = `${schema}_rm_${Date.now()}`;
  return {
    store: pg, database: { kind: 'postgres', databaseUrl: DATABASE_URL, schema: rm }, fresh,
    dispose: async () => {
      await pg.connectionPool.query(`DROP SCHEMA IF EXISTS "${rm}" CASCADE`);
      if (!keep) await pg.dropSchema();
      await pg.close();
    },
  };
}

async function main(): Promise<void> {
  const loadAtStart = loadavg().map((l) => l.toFixed(1)).join(' ');
  const logDir = process.env.BENCH_UNITS_LOG_DIR ?? mkdtempSync(join(tmpdir(), 'bench-units-'));
  mkdirSync(logDir, { recursive: true });
  const rows = [];
  for (const kind of ADAPTERS) {
    const { store, database, fresh, dispose } = await openStore(kind, logDir);
    try {
      if (fresh) await generateLog(store, EVENTS, Math.round(EVENTS / 8));
      const events = await store.headPosition();
      const readCeiling = await readOnly(store);
      const fold = await foldOnly(store);
      await (await openReadModelDataSource(database, [unitsProjection])).destroy();
      const t0 = start();
      const rebuilt = await rebuildProjection({ projection: unitsProjection, bulkFold: () => new UnitsBulkFold() }, { store, database });
      const rebuild = rate(rebuilt.events, t0);
      rows.push({
        store: kind, events,
        'read-only ev/s (ceiling)': readCeiling.wall, 'read+fold ev/s': fold.wall, 'rebuild ev/s': rebuild.wall, 'x ceiling': Number((rebuild.wall / readCeiling.wall).toFixed(2)),
        'read-only ev/CPU-s': readCeiling.cpu, 'read+fold ev/CPU-s': fold.cpu, 'rebuild ev/CPU-s': rebuild.cpu, 'x ceiling (CPU)': Number((rebuild.cpu / readCeiling.cpu).toFixed(2)),
        target: TARGETS[kind],
      });
    } finally {
      await dispose();
    }
  }
  if (!process.env.BENCH_UNITS_LOG_DIR) rmSync(logDir, { recursive: true, force: true });
  const conditions = { date: new Date().toISOString(), node: process.version, cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`, loadavgAtStart: loadAtStart, loadavg: loadavg().map((l) => l.toFixed(1)).join(' '), events: EVENTS };
  console.log(conditions);
  console.table(rows);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/units-rebuild.json', JSON.stringify({ conditions, rows }, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
