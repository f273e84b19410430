/*
 * In-process CPU of one structure and one unit answer over a generated 10k-unit read model (SQLite),
 * by the plain SQL path and by the current-units snapshot: process CPU time (user + system),
 * so that the machine's neighbours hardly move it. `npm run bench:read-cpu`;
 * BENCH_READ_CPU_DIR keeps the generated databases between runs.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@reorg/event-store';
import { openQueryDataSource, openReadModelDataSource, readModelTransaction } from '@reorg/projections';
import { rebuildProjection } from '@reorg/projections/rebuild';
import { governingBodiesProjection } from '@reorg/read-models';
import { GoverningBodiesBulkFold } from '@reorg/read-models/governing-bodies/governing-bodies.bulk-fold';
import { CurrentUnitsIndex, UnitQueries, structureIn, unitsProjection } from '@reorg/read-models/units';
import { UnitsBulkFold } from '@reorg/read-models/units/units.bulk-fold';
import { generateLog } from './generate-log';

const UNITS = Number(process.env.BENCH_HTTP_UNITS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_READ_CPU_ROUNDS ?? 30);
const dir = process.env.BENCH_READ_CPU_DIR ?? '/tmp/bench-read-cpu';
const PROJECTIONS = [
  { projection: governingBodiesProjection, bulkFold: () => new GoverningBodiesBulkFold() },
  { projection: unitsProjection, bulkFold: () => new UnitsBulkFold() },
];

let clockMs = Date.UTC(2018, 0, 1);
const clock = () => (clockMs += 60_000);
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const dateOf = (i: number) => new Date(Date.UTC(2014, 0, 1) + ((i * 389) % 3_900) * 86_400_000).toISOString().slice(0, 10);

async function main(): Promise<void> {
  const database = { kind: 'sqlite' as const, sqlitePath: join(dir, 'read-models.sqlite') };
  if (!existsSync(database.sqlitePath)) {
    mkdirSync(dir, { recursive: true });
    const store = SqliteEventStore.open({ path: join(dir, 'events.sqlite'), clock });
    await generateLog(store, UNITS * 5, UNITS);
    await (await openReadModelDataSource(database, PROJECTIONS.map((p) => p.projection))).destroy();
    for (const target of PROJECTIONS) await rebuildProjection(target, { store, database });
    await store.close();
  }
  const writer = await openReadModelDataSource(database, PROJECTIONS.map((p) => p.projection));
  const reader = await openQueryDataSource(writer);
  const measure = async (label: string, work: (i: number) => Promise<unknown>) => {
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const [c, w] = [cpuMs(), performance.now()];
      await work(i);
      cpu.push(cpuMs() - c);
      wall.push(performance.now() - w);
    }
    return { label, 'cpu ms (median)': Number(median(cpu).toFixed(1)), 'wall ms (median)': Number(median(wall).toFixed(1)) };
  };
  const queries = new UnitQueries(reader);
  const index = new CurrentUnitsIndex();
  const [first] = (await reader.query('SELECT unit_id AS id FROM unit_versions LIMIT 1')) as { id: string }[];
  const coldStart = cpuMs();
  const snapshot = await readModelTransaction(reader, (tx) => index.at(tx));
  const loadCpu = cpuMs() - coldStart;
  const sizes = (await queries.structureBody({ asOf: dateOf(1) }, 'now')).body.length;
  const rows = [
    await measure('structure, SQL path + JSON.stringify', async (i) => JSON.stringify(await readModelTransaction(reader, (tx) => structureIn(tx, { asOf: dateOf(i) }, 'now')))),
    await measure('structure, SQL path only (no stringify)', async (i) => readModelTransaction(reader, (tx) => structureIn(tx, { asOf: dateOf(i) }, 'now'))),
    await measure('structure, snapshot (checkpoints read + JSON concatenated)', async (i) => queries.structureBody({ asOf: dateOf(i) }, 'now')),
    await measure('structure, snapshot JSON only (no transaction)', async (i) => snapshot.structureBytes(dateOf(i), 'now')),
    await measure('unit, SQL path', async (i) => queries.get(first.id, { asOf: dateOf(i), knownAt: '2099-01-01T00:00:00.000Z' })),
    await measure('unit, snapshot', async (i) => queries.get(first.id, { asOf: dateOf(i) })),
  ];
  console.log(`load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}; ${UNITS} units; body ${sizes} chars; first snapshot load ${loadCpu.toFixed(0)} ms CPU`);
  console.table(rows);
  await reader.destroy();
  await writer.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
