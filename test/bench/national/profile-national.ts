/*
 * Where the national bench's time goes: CPU-profiles (node:inspector) the load of a generated log
 * (BENCH_NATIONAL_LOG, an NDJSON file of bench:national) into a fresh PostgreSQL schema, then one
 * projection's rebuild; writes /tmp/national-load.cpuprofile and /tmp/<projection>.cpuprofile for
 * test/bench/http/cpu-profile-summary.ts, and the process's CPU seconds beside the wall clock (the
 * rest is PostgreSQL and waiting).
 *   BENCH_NATIONAL_LOG=/tmp/bench-national/national-500-12000-2025.ndjson \
 *     node -r @swc-node/register test/bench/national/profile-national.ts units.v1
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { PostgresEventStore } from '@reorg/event-store';
import { openReadModelDataSource } from '@reorg/projections';
import { rebuildProjection } from '@reorg/projections/rebuild';
import { REGISTER_READ_MODELS } from '@reorg/read-models/catalogue';
import { BULK_FOLDS } from '../../../apps/cli/src/rebuild/rebuild-targets';
import { RecordingClock, readBatches } from './national-log';

async function main(): Promise<void> {
  const name = process.argv[2] ?? 'units.v1';
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = process.env.PROFILE_SCHEMA ?? 'national_profile';
  const previous = await PostgresEventStore.connect({ connectionString: databaseUrl, schema });
  await previous.dropSchema();
  await previous.close();
  const clock = new RecordingClock();
  const store = await PostgresEventStore.connect({ connectionString: databaseUrl, schema, clock: clock.now, maxClockSkewMs: 1e12 });
  try {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    const profiled = async (file: string, work: () => Promise<unknown>) => {
      await session.post('Profiler.start');
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const result = await work();
      const cpu = process.cpuUsage(cpu0);
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      console.log(JSON.stringify({ file, result, wallSeconds: (performance.now() - t0) / 1000, processCpuSeconds: (cpu.user + cpu.system) / 1e6 }));
    };
    await profiled('/tmp/national-load.cpuprofile', async () => {
      let events = 0;
      for await (const batch of readBatches(process.env.BENCH_NATIONAL_LOG!)) {
        clock.recordOn(batch.day);
        await store.appendMultiple(batch.appends);
        events += batch.appends.reduce((n, a) => n + a.events.length, 0);
      }
      return { events };
    });
    const projection = REGISTER_READ_MODELS.find((p) => p.name === name)!;
    const database = { kind: 'postgres' as const, databaseUrl, schema };
    await (await openReadModelDataSource(database, [projection])).destroy();
    await profiled(`/tmp/${name}.cpuprofile`, () => rebuildProjection({ projection, bulkFold: BULK_FOLDS[name] }, { store, database }));
  } finally {
    if (!process.env.PROFILE_KEEP) await store.dropSchema();
    await store.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
