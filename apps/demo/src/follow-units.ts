import { randomUUID } from 'node:crypto';
import { parseCloudEvent, UNITS_TOPIC } from '@reorg/messaging';
import { Kafka, logLevel } from 'kafkajs';

/**
 * `npm run demo:follow [-- --from-beginning]`: a consumer of the public topic, as another system would write
 * one (asyncapi.yaml): one line per change, de-duplicated by event id (delivery is at least once).
 */
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const fromBeginning = process.argv.includes('--from-beginning');
const kafka = new Kafka({ clientId: 'reorg-follow-example', brokers, logLevel: logLevel.WARN });
const consumer = kafka.consumer({ groupId: process.env.FOLLOW_GROUP_ID ?? `reorg-follow-${randomUUID()}` });
const seen = new Set<string>();

async function main(): Promise<void> {
  await consumer.connect();
  await consumer.subscribe({ topics: [UNITS_TOPIC], fromBeginning });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const event = parseCloudEvent(message.value);
      if (seen.has(event.id)) return;
      seen.add(event.id);
      const data = event.data as { effectiveDate?: string | null; change?: unknown };
      process.stdout.write(`#${event.position} p${partition} ${event.subject} ${event.type} effective ${data.effectiveDate ?? '–'} ${JSON.stringify(data.change)}\n`);
    },
  });
  process.stdout.write(`following ${UNITS_TOPIC} on ${brokers.join(',')} (Ctrl-C stops)\n`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void consumer.disconnect().finally(() => process.exit(0)));
main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
