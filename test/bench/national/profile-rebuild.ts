/*
 * Where a national rebuild's time goes: loads a generated log (BENCH_NATIONAL_LOG, an NDJSON file
 * of bench:national) into a PostgreSQL schema, then CPU-profiles one projection's rebuild only
 * (node:inspector), writing PROFILE_OUT (.cpuprofile) for test/bench/http/cpu-profile-summary.ts.
 *   node -r @swc-node/register test/bench/national/profile-rebuild.ts reports.unit-changes.v1
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
  const name = process.argv[2] ?? 'reports.unit-changes.v1';
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = process.env.PROFILE_SCHEMA ?? 'national_profile';
  const clock = new RecordingClock();
  const store = await PostgresEventStore.connect({ connectionString: databaseUrl, schema, clock: clock.now, maxClockSkewMs: 1e12 });
  try {
    if ((await store.headPosition()) === 0) {
      for await (const batch of readBatches(process.env.BENCH_NATIONAL_LOG!)) {
        clock.recordOn(batch.day);
        await store.appendMultiple(batch.appends);
      }
    }
    const projection = REGISTER_READ_MODELS.find((p) => p.name === name)!;
    const database = { kind: 'postgres' as const, databaseUrl, schema };
    await (await openReadModelDataSource(database, [projection])).destroy();
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    const cpu0 = process.cpuUsage();
    const result = await rebuildProjection({ projection, bulkFold: BULK_FOLDS[name] }, { store, database });
    const cpu = process.cpuUsage(cpu0);
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(process.env.PROFILE_OUT ?? `/tmp/${name}.cpuprofile`, JSON.stringify(profile));
    console.log(JSON.stringify({ ...result, eventsPerSec: Math.round(result.events / result.seconds), processCpuSeconds: (cpu.user + cpu.system) / 1e6 }));
  } finally {
    if (!process.env.PROFILE_KEEP) await store.dropSchema();
    await store.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
