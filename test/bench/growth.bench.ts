/* Does appending stay as fast, and memory as small, as the log grows from 0 to 10M events? */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { type EventStore, type NewEvent, PostgresEventStore, SqliteEventStore } from '@reorg/event-store';
import { v7 as timeOrderedUuid } from 'uuid';

type Adapter = 'sqlite' | 'postgres';

const TOTAL = Number(process.env.BENCH_GROWTH_EVENTS ?? 10_000_000);
const SAMPLE_EVERY = Number(process.env.BENCH_GROWTH_SAMPLE_EVERY ?? Math.min(500_000, Math.max(1, Math.floor(TOTAL / 4))));
const ADAPTERS = ((process.env.BENCH_GROWTH_ADAPTERS ?? process.env.BENCH_ADAPTERS)?.split(',') ?? ['sqlite']) as Adapter[];
const PROBES = Number(process.env.BENCH_GROWTH_PROBES ?? 1_000);
/** Fill: this many commands queued at once (one group commit on SQLite), each a new stream of EVENTS_PER_STREAM events. */
const FILL_COMMANDS = 500;
const EVENTS_PER_STREAM = 10;
const FLAT_FACTOR = 1.5;
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function unitEvent(i: number): NewEvent {
  return {
    eventId: timeOrderedUuid(),
    type: 'UnitRenamed',
    data: { unitId: '6f1c2c3e-8f7e-4a51-9a43-0d2f1c6b7a10', name: `Trường Trung học cơ sở số ${i}`, previousName: `Trường THCS số ${i}`, effectiveDate: '2021-07-01', decision: { number: `${i}/QĐ-UBND`, date: '2021-06-20' } },
    metadata: { actor: 'bench', roles: ['admin'], correlationId: randomUUID(), effectiveDate: '2021-07-01' },
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const mib = (bytes: number) => round(bytes / 2 ** 20, 1);

async function timed(count: number, append: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number; max: number }> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    await append(i);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  latencies.sort((a, b) => a - b);
  return { p50: round(percentile(latencies, 0.5), 3), p99: round(percentile(latencies, 0.99), 3), max: round(latencies[latencies.length - 1], 3) };
}

interface Sample {
  events: number;
  newStreamP50: number;
  newStreamP99: number;
  existingStreamP50: number;
  existingStreamP99: number;
  rssMiB: number;
  heapUsedMiB: number;
  storeMiB: number | null;
  fillEventsPerSec: number | null;
}

/** One probe: PROBES single-event appends to fresh streams, then PROBES to one existing stream with its expected version. */
async function probe(store: EventStore, round: number): Promise<Pick<Sample, 'newStreamP50' | 'newStreamP99' | 'existingStreamP50' | 'existingStreamP99'>> {
  const fresh = await timed(PROBES, (i) => store.appendToStream(`probe-${round}-${i}`, 'no_stream', [unitEvent(i)]));
  const stream = `probe-${round}-existing`;
  await store.appendToStream(stream, 'no_stream', [unitEvent(0)]);
  const existing = await timed(PROBES, (i) => store.appendToStream(stream, i + 1, [unitEvent(i)]));
  return { newStreamP50: fresh.p50, newStreamP99: fresh.p99, existingStreamP50: existing.p50, existingStreamP99: existing.p99 };
}

async function fill(store: EventStore, events: number, streamSeq: { next: number }): Promise<void> {
  let written = 0;
  while (written < events) {
    const commands = Math.min(FILL_COMMANDS, Math.ceil((events - written) / EVENTS_PER_STREAM));
    await Promise.all(
      Array.from({ length: commands }, () => {
        const n = streamSeq.next++;
        return store.appendToStream(`fill-${n}`, 'no_stream', Array.from({ length: EVENTS_PER_STREAM }, (_, k) => unitEvent(n * EVENTS_PER_STREAM + k)));
      }),
    );
    written += commands * EVENTS_PER_STREAM;
  }
}

const dirBytes = (dir: string) => readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);

async function growth(adapter: Adapter, dir: string) {
  let store: EventStore;
  let storeBytes: () => Promise<number | null>;
  let dispose: () => Promise<void>;
  if (adapter === 'sqlite') {
    const sqliteDir = join(dir, 'sqlite');
    store = SqliteEventStore.open({ path: join(sqliteDir, 'events.sqlite') });
    storeBytes = async () => dirBytes(sqliteDir);
    dispose = () => store.close();
  } else {
    const pg = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema: `bench_growth_${Date.now()}` });
    store = pg;
    storeBytes = async () => {
      const { rows } = await pg.connectionPool.query(`SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`, [pg.schema]);
      return Number(rows[0].bytes);
    };
    dispose = async () => {
      await pg.dropSchema();
      await pg.close();
    };
  }
  const samples: Sample[] = [];
  const streamSeq = { next: 0 };
  let filled = 0;
  let fillSeconds = 0;
  try {
    for (let round = 0; ; round++) {
      const at = await store.headPosition();
      global.gc?.();
      const memory = process.memoryUsage();
      const probed = await probe(store, round);
      const sample: Sample = {
        events: at,
        ...probed,
        rssMiB: mib(memory.rss),
        heapUsedMiB: mib(memory.heapUsed),
        storeMiB: ((bytes) => (bytes === null ? null : mib(bytes)))(await storeBytes()),
        fillEventsPerSec: samples.length === 0 ? null : Math.round(SAMPLE_EVERY / fillSeconds),
      };
      samples.push(sample);
      process.stderr.write(`${adapter} ${JSON.stringify(sample)}\n`);
      if (filled >= TOTAL) break;
      const chunk = Math.min(SAMPLE_EVERY, TOTAL - filled);
      const t0 = performance.now();
      await fill(store, chunk, streamSeq);
      fillSeconds = (performance.now() - t0) / 1000;
      filled += chunk;
    }
  } finally {
    await dispose();
  }
  return samples;
}

/** Median of a figure over up to three samples: one stalled commit (a WAL checkpoint, a neighbour's burst) must not decide. */
const median3 = (samples: Sample[], key: keyof Sample) => {
  const values = samples.map((s) => Number(s[key])).sort((a, b) => a - b);
  return values[Math.floor((values.length - 1) / 2)];
};

/** Flat: each figure over the last three samples ≤ FLAT_FACTOR × the same over the first three after 0 (medians). */
function verdict(samples: Sample[]) {
  const grown = samples.filter((s) => s.events > 0);
  const first = grown.slice(0, 3);
  const last = grown.slice(-3);
  const keys = ['newStreamP99', 'existingStreamP99', 'rssMiB', 'heapUsedMiB'] as const;
  const ratios = Object.fromEntries(keys.map((key) => [key, round(median3(last, key) / median3(first, key))]));
  return {
    comparedWith: first.map((s) => s.events),
    at: last.map((s) => s.events),
    ratios,
    flat: Object.values(ratios).every((r) => r <= FLAT_FACTOR),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-growth-'));
  const startedLoad = loadavg().map((l) => l.toFixed(2)).join(' ');
  const started = performance.now();
  try {
    const results: Record<string, { samples: Sample[]; verdict: ReturnType<typeof verdict>; minutes: number }> = {};
    for (const adapter of ADAPTERS) {
      const t0 = performance.now();
      const samples = await growth(adapter, dir);
      results[adapter] = { samples, verdict: verdict(samples), minutes: round((performance.now() - t0) / 60_000, 1) };
    }
    const conditions = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadAverageAtStart: `${startedLoad} (the machine is shared: other work may run beside the bench)`,
      events: TOTAL,
      sampleEvery: SAMPLE_EVERY,
      fill: `${FILL_COMMANDS} concurrent appends of a new stream with ${EVENTS_PER_STREAM} events each (SQLite: one group commit per round), ~${Buffer.byteLength(JSON.stringify(unitEvent(123456)))} B per event; UUIDv7 event ids`,
      probe: `${PROBES} single-event appends to fresh streams ('no_stream') then ${PROBES} to one existing stream with its expected version, one at a time (each its own durable commit); latencies in ms`,
      memory: 'this process (the store runs in it): RSS and V8 heap used after a forced GC when --expose-gc is given',
      flat: `p99 of both probes, RSS and heap: median over the last three samples ≤ ${FLAT_FACTOR} × median over the first three after 0`,
      sqlite: 'journal_mode=WAL, synchronous=FULL, cache_size=64MiB, wal_autocheckpoint=10000 (as the store opens it)',
      totalMinutes: round((performance.now() - started) / 60_000, 1),
    };
    console.log('Conditions:');
    for (const [k, v] of Object.entries(conditions)) console.log(`  ${k}: ${v}`);
    for (const [adapter, result] of Object.entries(results)) {
      console.log(`\n${adapter}: ${result.minutes} min; ${result.verdict.flat ? 'FLAT' : 'NOT flat'} (last three samples / first three after 0, medians: ${JSON.stringify(result.verdict.ratios)})`);
      console.table(result.samples);
    }
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/growth.json', JSON.stringify({ conditions, results }, null, 2));
    console.log('written bench-results/growth.json');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
