/*
 * The second baseline: kafkajs alone, producing messages built before the clock starts (the relay's
 * own CloudEvents, keys and headers), with the relay's producer settings and batch size and no relay
 * logic (no log read, no envelope, no checkpoint). What the relay reaches beside it is what our code
 * costs; what this reaches beside ProducerPerformance is what kafkajs costs.
 */
import { type CompressionTypes, type Kafka, type Message } from 'kafkajs';
import { KeyHashPartitioner } from '@reorg/messaging';

export interface KafkajsBaselineOptions {
  kafka: Kafka;
  topic: string;
  /** Messages with their partition set (the key's, as the relay's partitioner picks it). */
  messages: Message[];
  /** Messages per sendBatch (the relay's batch size). */
  batchSize: number;
  compression: CompressionTypes;
  /** Producers sending at once, each with its own share of the partitions (the relay's lanes). */
  lanes: number;
}

export interface KafkajsBaselineResult {
  records: number;
  seconds: number;
  recordsPerSec: number;
  cpuMicrosPerRecord: number;
}

export async function kafkajsBaseline(options: KafkajsBaselineOptions): Promise<KafkajsBaselineResult> {
  const { kafka, topic, messages, batchSize, compression, lanes } = options;
  // Same split as the relay: a partition belongs to one lane, so each lane's producer keeps its order.
  const perLane: Message[][] = Array.from({ length: lanes }, () => []);
  for (const message of messages) {
    perLane[(message.partition ?? 0) % lanes].push(message);
  }
  const producers = await Promise.all(
    perLane.map(async () => {
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: KeyHashPartitioner });
      await producer.connect();
      return producer;
    }),
  );
  try {
    const cpuBefore = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(
      producers.map(async (producer, lane) => {
        const laneMessages = perLane[lane];
        for (let start = 0; start < laneMessages.length; start += batchSize) {
          await producer.send({ topic, messages: laneMessages.slice(start, start + batchSize), acks: -1, timeout: 30_000, compression });
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      records: messages.length,
      seconds,
      recordsPerSec: messages.length / seconds,
      cpuMicrosPerRecord: Number(((cpu.user + cpu.system) / messages.length).toFixed(1)),
    };
  } finally {
    await Promise.all(producers.map((producer) => producer.disconnect().catch(() => undefined)));
  }
}
