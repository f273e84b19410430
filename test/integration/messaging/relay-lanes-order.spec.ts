import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Relay, parseCloudEvent } from '@reorg/messaging';
import type { NewEvent } from '@reorg/event-store';
import { PATIENCE_MS, requireKafka } from '@reorg/testing';
import type { Kafka, Producer, ProducerBatch } from 'kafkajs';
import { type StoreBed, idsByKey, onlyRestartResends, openStoreBed, readTopic, readWholeLog, testKafka, uniqueTopics, unitRenamed, withoutResends } from './messaging-test-bed';

const TIMEOUT_MS = 300_000;
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** Commands of 1–3 renames, ten streams at a time, so every log batch interleaves many keys. */
async function interleavedLoad(bed: StoreBed, units: string[], commands: number): Promise<void> {
  for (let start = 0; start < commands; start += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, commands - start) }, (_, i) => {
        const n = start + i;
        const unitId = units[(n * 7) % units.length];
        const events: NewEvent[] = Array.from({ length: 1 + (n % 3) }, (_, j) => unitRenamed(unitId, `Unit ${unitId} ${n}.${j}`));
        return bed.store.appendToStream(`unit-${unitId}`, 'any', events);
      }),
    );
  }
}

/** The log's public events per key, in log order. */
async function expectedByKey(bed: StoreBed): Promise<Map<string, string[]>> {
  const expected = new Map<string, string[]>();
  for (const event of await readWholeLog(bed.store)) {
    if (event.streamId.startsWith('unit-')) expected.set(event.streamId, [...(expected.get(event.streamId) ?? []), event.eventId]);
  }
  return expected;
}

describe('Relay producer lanes and batches in flight keep per-key order (real PostgreSQL, real broker)', () => {
  let bed: StoreBed;
  let kafka: Kafka;
  const relays: Relay[] = [];
  const topicNames: string[] = [];

  beforeAll(async () => {
    kafka = testKafka(requireKafka(), 'relay-lanes-test');
    bed = await openStoreBed('relaylanes');
  });

  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    if (kafka) {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: topicNames }).catch(() => undefined);
      await admin.disconnect();
    }
    await bed?.close();
  });

  it(
    'publishes many interleaved streams through 3 lanes with 4 small batches in flight: every key complete, in log order',
    async () => {
      const topics = uniqueTopics('lanes', 6);
      topicNames.push(topics.units.name, topics.proposals.name);
      const units = Array.from({ length: 40 }, () => randomUUID());
      await interleavedLoad(bed, units, 150);
      const relay = new Relay(bed.store, bed.readModels, { kafka, topics, batchSize: 13, lanes: 3, batchesInFlight: 4, logger: quiet });
      relays.push(relay);
      await relay.start();
      // More appends while the relay drains: batches in flight meet live tailing.
      await interleavedLoad(bed, units, 60);
      expect(await relay.waitUntil(await bed.store.latestPosition(), PATIENCE_MS)).toBe(true);

      const expected = await expectedByKey(bed);
      const total = [...expected.values()].reduce((sum, ids) => sum + ids.length, 0);
      const records = await readTopic(kafka, topics.units.name, total);
      const byKey = idsByKey(records);
      expect(new Map([...byKey].map(([key, ids]) => [key, withoutResends(ids)]))).toEqual(expected);
      for (const ids of byKey.values()) expect(onlyRestartResends(ids)).toBe(true);
      // A key's records all sit on one partition (the order a consumer sees is the broker's).
      for (const [key] of expected) expect(new Set(records.filter((r) => r.key === key).map((r) => r.partition)).size).toBe(1);
      await relay.stop();
    },
    TIMEOUT_MS,
  );

  it(
    'moves its checkpoint past a batch only once every lane acknowledged it: a lane failing late is re-sent from before it, in order',
    async () => {
      const topics = uniqueTopics('lanesfail', 6);
      topicNames.push(topics.units.name, topics.proposals.name);
      const units = Array.from({ length: 30 }, () => randomUUID());
      await interleavedLoad(bed, units, 120);

      // The 4th sendBatch (some lane's share of an early batch) fails, but only after the other
      // lanes had time to acknowledge later batches.
      const failure = { sends: 0, failedFrom: Number.POSITIVE_INFINITY, failing: false, highestCheckpointWhileFailing: 0 };
      const failingKafka = Object.create(kafka) as Kafka;
      failingKafka.producer = (config) => {
        const producer: Producer = kafka.producer(config);
        const sendBatch = producer.sendBatch.bind(producer);
        producer.sendBatch = async (batch: ProducerBatch) => {
          failure.sends += 1;
          if (failure.sends !== 4) return sendBatch(batch);
          const positions = (batch.topicMessages ?? []).flatMap((t) => t.messages.map((m) => parseCloudEvent(m.value as Buffer).position));
          failure.failedFrom = Math.min(...positions);
          failure.failing = true;
          await sleep(1_500);
          failure.failing = false;
          throw new Error('injected: this lane lost its broker');
        };
        return producer;
      };
      const relay = new Relay(bed.store, bed.readModels, {
        kafka: failingKafka,
        topics,
        batchSize: 11,
        lanes: 3,
        batchesInFlight: 4,
        backoff: { initialDelayMs: 50, maxDelayMs: 200 },
        checkpointName: 'lanes-failure',
        logger: quiet,
      });
      relays.push(relay);
      const watch = setInterval(() => {
        if (failure.failing) failure.highestCheckpointWhileFailing = Math.max(failure.highestCheckpointWhileFailing, relay.position);
      }, 5);
      try {
        await relay.start();
        expect(await relay.waitUntil(await bed.store.latestPosition(), PATIENCE_MS)).toBe(true);
      } finally {
        clearInterval(watch);
      }
      expect(failure.failedFrom).toBeLessThan(Number.POSITIVE_INFINITY);
      expect(failure.highestCheckpointWhileFailing).toBeLessThan(failure.failedFrom);

      const expected = await expectedByKey(bed);
      const total = [...expected.values()].reduce((sum, ids) => sum + ids.length, 0);
      const records = await readTopic(kafka, topics.units.name, total);
      const byKey = idsByKey(records);
      for (const [key, ids] of expected) {
        expect(withoutResends(byKey.get(key) ?? [])).toEqual(ids);
        expect(onlyRestartResends(byKey.get(key) ?? [])).toBe(true);
      }
    },
    TIMEOUT_MS,
  );
});
