// Readiness probe used by start.sh: succeeds only when the broker accepts a real produce
// (acks=all) to a one-partition topic and a consumer-group coordinator answers. Usage: node probe-produce.mjs 127.0.0.1:9092
// Node globals are imported explicitly so the file lints under any config.
import console from 'node:console';
import process from 'node:process';
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;
const broker = process.argv[2] ?? '127.0.0.1:9092';
const topic = '_readiness';

const kafka = new Kafka({
  clientId: 'kafka-readiness-probe',
  brokers: [broker],
  connectionTimeout: 1000,
  requestTimeout: 5000,
  retry: { retries: 4, initialRetryTime: 200, maxRetryTime: 1000 },
  logLevel: logLevel.NOTHING,
});

async function probe() {
  const admin = kafka.admin();
  // Idempotent, as the relay's producer is: its first InitProducerId waits for coordinator loading.
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true });
  try {
    await admin.connect();
    // Resolves to false when the topic exists already (a restart of the probe loop).
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    await producer.connect();
    const [result] = await producer.send({
      topic,
      acks: -1,
      messages: [{ key: 'probe', value: new Date().toISOString() }],
    });
    // Also wait for the group coordinator: the first lookup creates __consumer_offsets, which
    // would otherwise make the first consumer group of a test run retry and log errors.
    await admin.fetchOffsets({ groupId: 'kafka-readiness-probe', topics: [topic] });
    console.log(`produced to ${topic} at offset ${result.baseOffset}; group coordinator ready`);
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

probe().then(
  () => process.exit(0),
  (error) => {
    console.error(`not ready: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
