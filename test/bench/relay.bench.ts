/*
 * Relay throughput and publish lag against two raw baselines, printed with the conditions.
 * Per store kind: (a) drain: N events pre-loaded, the real Relay timed from position 0 to the head;
 * (b) kafkajs alone: the same CloudEvents, built before the clock starts, sent with the relay's
 * producer settings, lanes, batch size and compression and nothing else; (c) steady load: writers
 * append at a fixed rate while the relay tails; lag = broker ack of the sendBatch carrying an event −
 * the event's recordedAt. Then Kafka's ProducerPerformance (the broker's own producer ceiling), same
 * broker, the same CloudEvents as payloads, same record count, acks=all, same compression.
 * Writes bench-results/relay.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLOUDEVENTS_CONTENT_TYPE, type MessagingTopics, Relay, createKafka, murmur2, serializeCloudEvent, toIntegrationMessage } from '@reorg/messaging';
import { uniqueName } from '@reorg/testing';
import { CompressionTypes, type Kafka, type Message, logLevel } from 'kafkajs';
import { AckProbe } from './relay/ack-probe';
import { backgroundCpuPercent, busyPercent, machineCpu } from './relay/cpu';
import { profiled } from './relay/drain-profile';
import { type KafkajsBaselineResult, kafkajsBaseline } from './relay/kafkajs-baseline';
import { type CeilingResult, kafkaVersion, producerCeiling } from './relay/broker-ceiling';
import { type StoreBed, type StoreKind, openPostgresBed, openSqliteBed } from './relay/store-beds';
import { type LoadResult, percentile, runLoad } from './relay/unit-load';

const env = process.env;
const EVENTS = Number(env.BENCH_RELAY_EVENTS ?? 100_000);
const BATCH = Number(env.BENCH_RELAY_BATCH ?? 1000);
const PARTITIONS = Number(env.BENCH_RELAY_PARTITIONS ?? 6);
const UNITS = Number(env.BENCH_RELAY_UNITS ?? 20_000);
const LOAD_WRITERS = Number(env.BENCH_RELAY_WRITERS ?? 8);
const LOAD_EVENTS_PER_SEC = Number(env.BENCH_RELAY_LOAD_EPS ?? 2_000);
const LOAD_SECONDS = Number(env.BENCH_RELAY_LOAD_SECONDS ?? 20);
const STORES = (env.BENCH_RELAY_STORES ?? 'postgres,sqlite').split(',') as StoreKind[];
const BROKERS = env.KAFKA_BROKERS || '127.0.0.1:9092';
const DATABASE_URL = env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const KAFKA_LIBS = env.KAFKA_LIBS_DIR ?? '.kafka/libs';
const PROFILE_DIR = env.BENCH_RELAY_PROFILE;
const DRAIN_ROUNDS = Number(env.BENCH_RELAY_DRAIN_ROUNDS ?? 3);
/** The relay's producer lanes, log batches in flight and compression (defaults: the relay's own). */
const LANES = Number(env.BENCH_RELAY_LANES ?? 3);
const IN_FLIGHT = Number(env.BENCH_RELAY_IN_FLIGHT ?? 4);
const COMPRESSION = (env.BENCH_RELAY_COMPRESSION ?? 'none') as 'gzip' | 'none';
const KAFKAJS_COMPRESSION = COMPRESSION === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None;
/** BENCH_RELAY_COMPARE=1: before each round, a drain with ADR 0007's settings (one producer, one batch at a time, no compression). */
const COMPARE = env.BENCH_RELAY_COMPARE === '1';
/** Ctrl-C or a kill ends the waits and the load, so the finally blocks drop schemas and topics. */
const interrupted = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => interrupted.abort());
const TARGET_EVENTS_PER_SEC = 50_000;
const TARGET_LAG_P99_MS = 1_000;
/** The drain as a share of the broker's own producer ceiling measured in the same run. */
const TARGET_CEILING_RATIO = 0.5;

interface StoreRun {
  store: StoreKind;
  deployment: string;
  settings: Record<string, string>;
  preload: LoadResult;
  /** eventsPerSec: the median round; the best round is the one least disturbed by other load. */
  drain: { events: number; eventsPerSec: number; bestEventsPerSec: number; rounds: DrainRound[]; adr0007?: { eventsPerSec: number; rounds: DrainRound[] } };
  /** kafkajs alone on the same messages, one run per drain round, with the median. */
  kafkajs: { recordsPerSec: number; runs: KafkajsBaselineResult[] };
  steady: {
    load: LoadResult;
    lagSamples: number;
    lagP50Ms: number;
    lagP99Ms: number;
    lagMaxMs: number;
    catchUpMs: number;
    /** PostgreSQL: the longest any transaction on the cluster was open while sampled (it holds back the relay). */
    oldestOpenTransactionMs?: number;
  };
  cloudEventBytes: number;
  relayWarnings: string[];
}

function kafkaClient(): Kafka {
  return createKafka({ brokers: BROKERS.split(','), clientId: 'bench-relay', logLevel: logLevel.NOTHING });
}

async function withAdmin<T>(kafka: Kafka, work: (admin: ReturnType<Kafka['admin']>) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Polls until the condition holds; a relay failure (a warning) invalidates the figure, so it ends the wait too. */
async function waitFor(condition: () => boolean, timeoutMs: number, what: string, failures: readonly string[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (interrupted.signal.aborted) throw new Error(`interrupted while waiting for ${what}`);
    if (failures.length > 0) throw new Error(`the relay failed while waiting for ${what}: ${failures[0]}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(2);
  }
}

/** Average size of the CloudEvent values the relay publishes for the first events of the log. */
async function averageCloudEventBytes(bed: StoreBed): Promise<number> {
  const sample = await bed.store.readAll({ after: 0, maxCount: 2000 });
  const sizes = sample.map(toIntegrationMessage).flatMap((m) => (m ? [serializeCloudEvent(m.event).length] : []));
  return Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length);
}

async function benchStore(bed: StoreBed): Promise<StoreRun> {
  const log = (line: string) => console.log(`[${bed.kind}] ${line}`);
  log(`pre-loading ${EVENTS} events (64 writers, 1–3 events per command, ${UNITS} unit streams)…`);
  const preload = await runLoad(bed.store, { writers: 64, units: UNITS, events: EVENTS, signal: interrupted.signal });
  if (interrupted.signal.aborted) throw new Error('interrupted while pre-loading');
  const cloudEventBytes = await averageCloudEventBytes(bed);
  await writePayloads(bed);
  const kafka = kafkaClient();
  const probe = new AckProbe(kafka);
  const topics: MessagingTopics = {
    units: { name: uniqueName(`bench_relay_${bed.kind}_units`), partitions: PARTITIONS, replicationFactor: 1 },
    proposals: { name: uniqueName(`bench_relay_${bed.kind}_proposals`), partitions: PARTITIONS, replicationFactor: 1 },
  };
  const before: MessagingTopics = {
    units: { ...topics.units, name: `${topics.units.name}_before` },
    proposals: { ...topics.proposals, name: `${topics.proposals.name}_before` },
  };
  const topicNames = [topics.units.name, topics.proposals.name, ...(COMPARE ? [before.units.name, before.proposals.name] : [])];
  await withAdmin(kafka, (admin) => admin.createTopics({ topics: topicNames.map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })), waitForLeaders: true }));
  const relayWarnings: string[] = [];
  const warn = (message: string) => {
    relayWarnings.push(message);
    console.warn(`[${bed.kind}] relay: ${message}`);
  };
  const logger = { log: () => undefined, warn, error: warn };
  let relay: Relay | undefined;
  try {
    // The position acknowledged to the writers (positions run 1, 2, … in a fresh store, so it is also
    // the event count). PostgreSQL's readable (safe) head can lag it while another transaction on
    // the cluster is open; the relay then waits, and so does this measurement.
    const head = preload.lastPosition;
    const rounds: DrainRound[] = [];
    const beforeRounds: DrainRound[] = [];
    for (let round = 1; round <= DRAIN_ROUNDS; round++) {
      await relay?.stop();
      if (COMPARE) {
        const old = new Relay(bed.store, bed.readModels, { kafka, topics: before, batchSize: BATCH, lanes: 1, batchesInFlight: 1, compression: CompressionTypes.None, checkpointName: `bench-before-${round}`, logger });
        const beforeRecords = () => withAdmin(kafka, async (admin) => sumHighWatermarks(await admin.fetchTopicOffsets(before.units.name)));
        try {
          beforeRounds.push(await drainRound(old, head, round, probe, beforeRecords, 'unused', relayWarnings, false));
        } finally {
          await old.stop();
        }
        const b = beforeRounds[round - 1];
        log(`round ${round}, ADR 0007 settings (1 producer, 1 batch at a time, no compression): ${Math.round(b.eventsPerSec)} events/s (relay CPU ${b.relayCpuPercent}% of a core, ${b.relayCpuMicrosPerEvent} µs/event)`);
      }
      // A checkpoint of its own per round: each round relays the whole log from position 0.
      relay = new Relay(bed.store, bed.readModels, {
        kafka,
        topics,
        batchSize: BATCH,
        lanes: LANES,
        batchesInFlight: IN_FLIGHT,
        compression: KAFKAJS_COMPRESSION,
        checkpointName: `bench-drain-${round}`,
        logger,
      });
      const topicRecords = () => withAdmin(kafka, async (admin) => sumHighWatermarks(await admin.fetchTopicOffsets(topics.units.name)));
      rounds.push(await drainRound(relay, head, round, probe, topicRecords, `relay-drain-${bed.kind}`, relayWarnings));
      const r = rounds[round - 1];
      log(`round ${round}: drained ${head} events in ${r.seconds.toFixed(2)} s = ${Math.round(r.eventsPerSec)} events/s (relay CPU ${r.relayCpuPercent}% of a core, ${r.relayCpuMicrosPerEvent} µs/event; machine ${r.machineCpuPercent}% of ${cpus().length} cores)`);
    }
    const rates = rounds.map((r) => r.eventsPerSec).sort((a, b) => a - b);
    const beforeRates = beforeRounds.map((r) => r.eventsPerSec).sort((a, b) => a - b);
    const adr0007 = COMPARE ? { eventsPerSec: percentile(beforeRates, 0.5), rounds: beforeRounds } : undefined;
    const drain = { events: head, eventsPerSec: percentile(rates, 0.5), bestEventsPerSec: rates[rates.length - 1], rounds, adr0007 };
    const kafkajsResult = await kafkajsRounds(kafka, bed, log);

    log(`steady load: ${LOAD_EVENTS_PER_SEC} events/s for ${LOAD_SECONDS} s (${LOAD_WRITERS} writers)…`);
    const current = relay!;
    probe.record(true);
    const oldestTransaction = watchOldestTransaction(bed);
    const load = await bed.steadyLoad({ writers: LOAD_WRITERS, units: UNITS, durationMs: LOAD_SECONDS * 1000, eventsPerSecond: LOAD_EVENTS_PER_SEC, signal: interrupted.signal });
    const loadEnded = performance.now();
    await waitFor(() => current.position >= load.lastPosition, 120_000, 'the relay to catch up after the steady load', relayWarnings);
    const catchUpMs = performance.now() - loadEnded;
    probe.record(false);
    const oldestOpenTransactionMs = await oldestTransaction.stop();
    const lags = [...probe.lagsMs].sort((a, b) => a - b);
    const steady = {
      load,
      lagSamples: lags.length,
      lagP50Ms: percentile(lags, 0.5),
      lagP99Ms: percentile(lags, 0.99),
      lagMaxMs: lags.at(-1) ?? Number.NaN,
      catchUpMs,
      oldestOpenTransactionMs,
    };
    if (lags.length < load.events) throw new Error(`lag measured for ${lags.length} of the ${load.events} events appended under load`);
    const held = oldestOpenTransactionMs === undefined ? '' : `; oldest open transaction on the cluster meanwhile: ${oldestOpenTransactionMs} ms`;
    log(`steady: ${Math.round(load.events / load.seconds)} events/s appended, lag p50 ${steady.lagP50Ms} ms, p99 ${steady.lagP99Ms} ms, max ${steady.lagMaxMs} ms${held}`);
    return { store: bed.kind, deployment: bed.deployment, settings: bed.settings, preload, drain, kafkajs: kafkajsResult, steady, cloudEventBytes, relayWarnings };
  } finally {
    await relay?.stop();
    await withAdmin(kafka, (admin) => admin.deleteTopics({ topics: topicNames })).catch((error: unknown) => console.error('could not delete topics', topicNames, error));
  }
}

/** Every message the relay publishes for the log, built up front: topic-less, keyed, partitioned as the relay does. */
async function prebuiltMessages(bed: StoreBed): Promise<Message[]> {
  const messages: Message[] = [];
  for (let after = 0; ; ) {
    const page = await bed.store.readAll({ after, maxCount: 5000 });
    if (page.length === 0) return messages;
    after = page[page.length - 1].position;
    for (const event of page) {
      const message = toIntegrationMessage(event);
      if (!message || message.audience !== 'public') continue;
      const partition = (murmur2(Buffer.from(message.key, 'utf8')) & 0x7fffffff) % PARTITIONS;
      messages.push({ key: message.key, value: serializeCloudEvent(message.event), headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE }, partition });
    }
  }
}

/** The second baseline: kafkajs alone on the relay's messages, as many runs as drain rounds, each to a fresh topic. */
async function kafkajsRounds(kafka: Kafka, bed: StoreBed, log: (line: string) => void): Promise<StoreRun['kafkajs']> {
  const messages = await prebuiltMessages(bed);
  const runs: KafkajsBaselineResult[] = [];
  for (let round = 1; round <= DRAIN_ROUNDS; round++) {
    if (interrupted.signal.aborted) throw new Error('interrupted during the kafkajs baseline');
    const topic = uniqueName(`bench_relay_kafkajs_${bed.kind}`);
    await withAdmin(kafka, (admin) => admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }], waitForLeaders: true }));
    try {
      const run = await kafkajsBaseline({ kafka, topic, messages, batchSize: BATCH, compression: KAFKAJS_COMPRESSION, lanes: LANES });
      runs.push(run);
      log(`kafkajs alone ${round}: ${run.records} pre-built messages in ${run.seconds.toFixed(2)} s = ${Math.round(run.recordsPerSec)} records/s (${run.cpuMicrosPerRecord} µs CPU/record)`);
    } finally {
      await withAdmin(kafka, (admin) => admin.deleteTopics({ topics: [topic] })).catch(() => undefined);
    }
  }
  return { recordsPerSec: percentile(runs.map((r) => r.recordsPerSec).sort((a, b) => a - b), 0.5), runs };
}

interface DrainRound {
  seconds: number;
  eventsPerSec: number;
  sendBatches: number;
  /** Records in the units topic after the round (every round adds the whole log again). */
  topicRecords: number;
  /** CPU of this process (the relay) over the round, in % of one core. */
  relayCpuPercent: number;
  /** CPU of this process per event relayed (all its threads: main, GC helpers, libuv). */
  relayCpuMicrosPerEvent: number;
  /** CPU of the whole machine (relay, broker, database) over the round, in % of all cores. */
  machineCpuPercent: number;
}

/** Times the relay from its start at position 0 until its checkpoint reaches the head. */
async function drainRound(
  relay: Relay,
  head: number,
  round: number,
  probe: AckProbe,
  topicRecords: () => Promise<number>,
  profileName: string,
  failures: readonly string[],
  profile = true,
): Promise<DrainRound> {
  const batchesBefore = probe.sendBatches;
  const cpuBefore = process.cpuUsage();
  const machineBefore = machineCpu();
  const t0 = performance.now();
  await profiled(profile && round === DRAIN_ROUNDS ? PROFILE_DIR : undefined, profileName, async () => {
    await relay.start();
    await waitFor(() => relay.position >= head, 600_000, 'the relay to drain the log', failures);
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const machineAfter = machineCpu();
  const relayCpuMicros = cpu.user + cpu.system;
  const records = await topicRecords();
  if (records < round * head) throw new Error(`after round ${round} the topic holds ${records} records, fewer than ${round} × ${head} events`);
  return {
    seconds,
    eventsPerSec: head / seconds,
    sendBatches: probe.sendBatches - batchesBefore,
    topicRecords: records,
    relayCpuPercent: Math.round(relayCpuMicros / 1e4 / seconds),
    relayCpuMicrosPerEvent: Number((relayCpuMicros / head).toFixed(1)),
    machineCpuPercent: busyPercent(machineBefore, machineAfter),
  };
}

/** Samples the bed's oldest open transaction every 200 ms until stopped; resolves the largest age seen. */
function watchOldestTransaction(bed: StoreBed): { stop(): Promise<number | undefined> } {
  const sample = bed.oldestOpenTransactionMs?.bind(bed);
  if (!sample) return { stop: () => Promise.resolve(undefined) };
  let largest = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      largest = Math.max(largest, await sample());
      await sleep(200);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return largest;
    },
  };
}

function sumHighWatermarks(offsets: Array<{ high: string }>): number {
  return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
}

async function brokerCeiling(recordBytes: number, payloadFile: string, compression: 'gzip' | 'none'): Promise<CeilingResult> {
  const kafka = kafkaClient();
  const topic = uniqueName('bench_relay_ceiling');
  await withAdmin(kafka, (admin) => admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }], waitForLeaders: true }));
  try {
    // One relay sendBatch carries about BATCH/PARTITIONS records per partition: the same batch bytes here.
    const batchBytes = Math.max(16_384, Math.ceil(BATCH / PARTITIONS) * recordBytes);
    console.log(
      `[broker] ProducerPerformance: ${EVENTS * DRAIN_ROUNDS} records, the relay's CloudEvents (${recordBytes} B on average) as payloads, ` +
        `acks=all, compression ${compression}, linger.ms=5, batch.size=${batchBytes}…`,
    );
    return await producerCeiling({
      kafkaLibs: KAFKA_LIBS,
      brokers: BROKERS,
      topic,
      records: EVENTS * DRAIN_ROUNDS,
      recordBytes,
      payloadFile,
      compression,
      batchBytes,
      lingerMs: 5,
    });
  } finally {
    await withAdmin(kafka, (admin) => admin.deleteTopics({ topics: [topic] })).catch((error: unknown) => console.error('could not delete topic', topic, error));
  }
}

async function runStore(kind: StoreKind): Promise<StoreRun> {
  const bed = kind === 'postgres' ? await openPostgresBed(DATABASE_URL) : await openSqliteBed();
  try {
    return await benchStore(bed);
  } finally {
    await bed.close();
  }
}

const ms = (value: number) => Math.round(value);

/** The relay's CloudEvents, one a line (JSON.stringify escapes newlines), for ProducerPerformance --payload-file. */
const payloadFile = join(tmpdir(), `bench-relay-payloads-${process.pid}.jsonl`);

let payloadsWritten = false;

async function writePayloads(bed: StoreBed): Promise<void> {
  if (payloadsWritten) return;
  payloadsWritten = true;
  const sample = await bed.store.readAll({ after: 0, maxCount: 5000 });
  const lines = sample.map(toIntegrationMessage).flatMap((m) => (m ? [serializeCloudEvent(m.event).toString('utf8')] : []));
  await writeFile(payloadFile, `${lines.join('\n')}\n`);
}

function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

async function main(): Promise<void> {
  const background = await backgroundCpuPercent();
  const loadBefore = loadAverage();
  const runs: StoreRun[] = [];
  for (const kind of STORES) runs.push(await runStore(kind));
  const recordBytes = runs[0]?.cloudEventBytes ?? 700;
  const ceiling = await brokerCeiling(recordBytes, payloadFile, COMPRESSION);
  // The same without compression: the Java producer's ceiling when it does not pay for gzip itself.
  const uncompressedCeiling = COMPRESSION === 'none' ? ceiling : await brokerCeiling(recordBytes, payloadFile, 'none');
  const load = loadAverage();
  await rm(payloadFile, { force: true });

  const conditions = {
    date: new Date().toISOString(),
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    backgroundCpuPercentBeforeRun: background,
    loadAverageBeforeRun: loadBefore,
    loadAverageAfterRun: load,
    node: process.version,
    broker: `Apache Kafka ${kafkaVersion(KAFKA_LIBS) ?? '?'} (jars in ${KAFKA_LIBS}) at ${BROKERS}, single node, replication factor 1`,
    partitions: PARTITIONS,
    relayBatchSize: BATCH,
    relayProducer: `kafkajs, ${LANES} idempotent producer lanes (partition p → lane p mod ${LANES}), maxInFlightRequests 1 each, acks -1, compression ${COMPRESSION}, ${IN_FLIGHT} log batches in flight`,
    cloudEventBytes: Object.fromEntries(runs.map((r) => [r.store, r.cloudEventBytes])),
    events: EVENTS,
    steadyLoad: `${LOAD_EVENTS_PER_SEC} events/s target, ${LOAD_SECONDS} s, ${LOAD_WRITERS} writers, 1–3 events per command, ${UNITS} unit streams`,
    stores: Object.fromEntries(runs.map((r) => [r.store, { deployment: r.deployment, ...r.settings }])),
    lag: 'broker ack of the sendBatch carrying the event − the event recordedAt (stamped in the append transaction), ms resolution',
    ceilingCommand: ceiling.command,
  };
  console.log('\nConditions:');
  for (const [key, value] of Object.entries(conditions)) console.log(`  ${key}: ${typeof value === 'object' ? JSON.stringify(value) : value}`);

  const table = runs.map((r) => ({
    store: r.store,
    'relay drain ev/s (median)': Math.round(r.drain.eventsPerSec),
    'best round': Math.round(r.drain.bestEventsPerSec),
    'relay CPU µs/ev': Math.min(...r.drain.rounds.map((round) => round.relayCpuMicrosPerEvent)),
    'broker ceiling rec/s': Math.round(ceiling.recordsPerSec),
    'relay / ceiling': `${Math.round((100 * r.drain.eventsPerSec) / ceiling.recordsPerSec)}%`,
    ...(r.drain.adr0007
      ? { 'ADR 0007 settings ev/s': Math.round(r.drain.adr0007.eventsPerSec), 'relay / ADR 0007 settings': `${Math.round((100 * r.drain.eventsPerSec) / r.drain.adr0007.eventsPerSec)}%` }
      : {}),
    'kafkajs alone rec/s': Math.round(r.kafkajs.recordsPerSec),
    'relay / kafkajs': `${Math.round((100 * r.drain.eventsPerSec) / r.kafkajs.recordsPerSec)}%`,
    'kafkajs / ceiling': `${Math.round((100 * r.kafkajs.recordsPerSec) / ceiling.recordsPerSec)}%`,
    'relay × ceiling': Number((r.drain.eventsPerSec / ceiling.recordsPerSec).toFixed(2)),
    'relay × uncompressed ceiling': Number((r.drain.eventsPerSec / uncompressedCeiling.recordsPerSec).toFixed(2)),
    'steady ev/s appended': Math.round(r.steady.load.events / r.steady.load.seconds),
    'lag p50 ms': ms(r.steady.lagP50Ms),
    'lag p99 ms': ms(r.steady.lagP99Ms),
    'lag max ms': ms(r.steady.lagMaxMs),
    [`≥ ${TARGET_EVENTS_PER_SEC} ev/s`]: r.drain.eventsPerSec >= TARGET_EVENTS_PER_SEC ? 'met' : 'NOT met',
    [`p99 < ${TARGET_LAG_P99_MS} ms`]: r.steady.lagP99Ms < TARGET_LAG_P99_MS ? 'met' : 'NOT met',
    [`≥ ${TARGET_CEILING_RATIO} × ceiling`]: r.drain.eventsPerSec >= TARGET_CEILING_RATIO * ceiling.recordsPerSec ? 'met' : 'NOT met',
  }));
  console.table(table);
  console.log(
    `broker ceiling (ProducerPerformance): ${Math.round(ceiling.recordsPerSec)} records/s, ${ceiling.mbPerSec} MB/s, ` +
      `latency avg ${ceiling.avgLatencyMs} ms, p99 ${ceiling.p99LatencyMs} ms, max ${ceiling.maxLatencyMs} ms`,
  );
  console.log(`broker ceiling without compression: ${Math.round(uncompressedCeiling.recordsPerSec)} records/s, ${uncompressedCeiling.mbPerSec} MB/s`);
  for (const r of runs) if (r.relayWarnings.length > 0) console.log(`[${r.store}] relay warnings:\n  ${r.relayWarnings.join('\n  ')}`);

  mkdirSync('bench-results', { recursive: true });
  const targets = { eventsPerSec: TARGET_EVENTS_PER_SEC, lagP99Ms: TARGET_LAG_P99_MS, ceilingRatio: TARGET_CEILING_RATIO };
  writeFileSync('bench-results/relay.json', JSON.stringify({ conditions, targets, summary: table, runs, ceiling, uncompressedCeiling }, null, 2));
  console.log('written bench-results/relay.json');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
