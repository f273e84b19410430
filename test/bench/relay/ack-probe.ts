/*
 * Publish lag as the relay sees it: wraps the producers the relay creates so that, when a
 * sendBatch is acknowledged (acks=all), each of its CloudEvents' `time` (the event's recordedAt,
 * stamped in the append transaction) is compared with the moment of the ack. The relay code runs
 * unchanged; the probe reads only the `time` attribute, which the envelope writes before `data`.
 */
import type { Kafka, Producer, ProducerBatch } from 'kafkajs';

const TIME = '"time":"';
const ISO_LENGTH = '2025-07-01T00:00:00.000Z'.length;

export class AckProbe {
  /** Milliseconds from recordedAt to broker ack, one per message acked while recording. */
  readonly lagsMs: number[] = [];
  acked = 0;
  sendBatches = 0;
  private recording = false;

  constructor(kafka: Kafka) {
    const createProducer = kafka.producer.bind(kafka);
    kafka.producer = (config) => this.wrap(createProducer(config));
  }

  record(on: boolean): void {
    this.recording = on;
  }

  private wrap(producer: Producer): Producer {
    const sendBatch = producer.sendBatch.bind(producer);
    producer.sendBatch = async (batch: ProducerBatch) => {
      const metadata = await sendBatch(batch);
      const ackedAt = Date.now();
      this.sendBatches += 1;
      for (const topic of batch.topicMessages ?? []) {
        this.acked += topic.messages.length;
        if (!this.recording) continue;
        for (const message of topic.messages) this.lagsMs.push(ackedAt - recordedAt(message.value));
      }
      return metadata;
    };
    return producer;
  }
}

function recordedAt(value: unknown): number {
  let iso: string;
  if (typeof value === 'string') {
    const start = value.indexOf(TIME) + TIME.length;
    iso = value.slice(start, start + ISO_LENGTH);
  } else if (Buffer.isBuffer(value)) {
    const start = value.indexOf(TIME) + TIME.length;
    iso = value.toString('utf8', start, start + ISO_LENGTH);
  } else {
    throw new Error('ack probe: expected a string or Buffer message value');
  }
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new Error('ack probe: no CloudEvent time attribute');
  return time;
}
