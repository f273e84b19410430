import { Admin, Consumer, Kafka, KafkaMessage, Partitioners, Producer, logLevel } from 'kafkajs';
import { requireKafka, uniqueName } from '@reorg/testing';

// Proves kafkajs against the real broker: topic admin, acks=all produce, a consumer group that
// commits, and a second member of the group that resumes after the committed offsets.
interface Received {
  partition: number;
  offset: string;
  value: string;
}

const TIMEOUT_MS = 180_000;

describe('Kafka broker (kafkajs, real broker)', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const consumers: Consumer[] = [];
  const topic = uniqueName('smoke');
  const groupId = uniqueName('smoke_group');

  beforeAll(async () => {
    kafka = new Kafka({ clientId: 'kafka-smoke', brokers: requireKafka(), logLevel: logLevel.ERROR });
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    await producer?.disconnect();
    if (admin) {
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  async function produce(values: Array<{ partition: number; value: string }>): Promise<void> {
    await producer.send({
      topic,
      acks: -1,
      messages: values.map(({ partition, value }) => ({ partition, key: value, value })),
    });
  }

  /** Joins the group, reads until `count` messages arrived, commits after each one, then leaves. */
  async function consumeAndCommit(count: number): Promise<Received[]> {
    const consumer = kafka.consumer({ groupId, sessionTimeout: 30_000, heartbeatInterval: 1_000 });
    consumers.push(consumer);
    const received: Received[] = [];
    let done!: () => void;
    const allReceived = new Promise<void>((resolve) => (done = resolve));
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }: { partition: number; message: KafkaMessage }) => {
        received.push({ partition, offset: message.offset, value: message.value?.toString() ?? '' });
        await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
        if (received.length === count) done();
      },
    });
    await allReceived;
    await consumer.disconnect();
    return received;
  }

  async function committedOffsets(): Promise<Record<number, string>> {
    const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return Object.fromEntries(result.partitions.map(({ partition, offset }) => [partition, offset]));
  }

  it(
    'creates a topic, consumes in a group, commits, and a later member resumes after the commit',
    async () => {
      const created = await admin.createTopics({
        topics: [{ topic, numPartitions: 2, replicationFactor: 1 }],
        waitForLeaders: true,
      });
      expect(created).toBe(true);
      const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
      expect(metadata.partitions.map((p) => p.partitionId).sort()).toEqual([0, 1]);

      const firstBatch = [
        { partition: 0, value: 'a0' },
        { partition: 0, value: 'a1' },
        { partition: 0, value: 'a2' },
        { partition: 1, value: 'a3' },
        { partition: 1, value: 'a4' },
      ];
      await produce(firstBatch);

      const first = await consumeAndCommit(firstBatch.length);
      expect(first.map((m) => m.value).sort()).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
      expect(first.filter((m) => m.partition === 0).map((m) => m.offset)).toEqual(['0', '1', '2']);
      expect(await committedOffsets()).toEqual({ 0: '3', 1: '2' });

      const secondBatch = [
        { partition: 0, value: 'b0' },
        { partition: 1, value: 'b1' },
        { partition: 1, value: 'b2' },
      ];
      await produce(secondBatch);

      // Messages arrive in order per partition: had the second member started from the beginning,
      // the first batch would arrive before these and show up here.
      const second = await consumeAndCommit(secondBatch.length);
      expect(second.map(({ partition, offset, value }) => `${partition}@${offset}=${value}`).sort()).toEqual([
        '0@3=b0',
        '1@2=b1',
        '1@3=b2',
      ]);
      expect(await committedOffsets()).toEqual({ 0: '4', 1: '4' });
    },
    TIMEOUT_MS,
  );
});
