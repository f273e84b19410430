import { CompressionTypes, type Kafka, type Message, type Producer } from 'kafkajs';
import { KeyHashPartitioner, murmur2 } from './key-partitioner';

/** A keyed message for one topic; the lanes set its partition (the key's). */
export interface LaneMessage {
  topic: string;
  message: Message & { key: string };
}

/**
 * Idempotent acks=all producers that send at the same time, each owning a fixed share of every
 * topic's partitions (partition p → lane p mod lanes). A key always hashes to the same partition,
 * so to the same lane, and each lane sends its share of a batch only after its previous send was
 * acknowledged: per-key order holds while several produce requests are in flight to the broker
 * (kafkajs serialises the requests of one idempotent producer, so one producer cannot do this).
 */
export class ProducerLanes {
  private readonly tails: Array<Promise<void>>;
  /** The first failed send: after it no lane sends anything more (the relay re-sends from its checkpoint). */
  private failure: unknown;

  private constructor(
    private readonly producers: Producer[],
    private readonly partitionCounts: ReadonlyMap<string, number>,
    private readonly compression: CompressionTypes,
  ) {
    this.tails = producers.map(() => Promise.resolve());
  }

  static async connect(kafka: Kafka, options: { lanes: number; partitionCounts: ReadonlyMap<string, number>; compression?: CompressionTypes }): Promise<ProducerLanes> {
    const producers: Producer[] = [];
    try {
      for (let lane = 0; lane < Math.max(1, options.lanes); lane++) {
        const producer = kafka.producer({
          idempotent: true,
          maxInFlightRequests: 1,
          createPartitioner: KeyHashPartitioner,
          retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5_000 },
        });
        await producer.connect();
        producers.push(producer);
      }
    } catch (error) {
      await Promise.all(producers.map((producer) => producer.disconnect().catch(() => undefined)));
      throw error;
    }
    return new ProducerLanes(producers, options.partitionCounts, options.compression ?? CompressionTypes.None);
  }

  get count(): number {
    return this.producers.length;
  }

  /** The partition Kafka's Java client and kafkajs' default partitioner pick for the key. */
  partitionOf(topic: string, key: string): number {
    const partitions = this.partitionCounts.get(topic);
    if (!partitions) throw new Error(`no partition count known for topic ${topic}`);
    return (murmur2(Buffer.from(key, 'utf8')) & 0x7fffffff) % partitions;
  }

  /**
   * Queues the messages (in log order) on their lanes; resolves once every lane acknowledged its
   * share, rejects if any lane failed. Once a send failed, queued shares are not sent at all: only
   * the sends already at the broker are waited for before the relay starts again.
   */
  send(messages: readonly LaneMessage[]): Promise<void> {
    const shares: Array<Map<string, Message[]>> = this.producers.map(() => new Map());
    for (const { topic, message } of messages) {
      message.partition = this.partitionOf(topic, message.key);
      const share = shares[message.partition % this.producers.length];
      let topicShare = share.get(topic);
      if (!topicShare) share.set(topic, (topicShare = []));
      topicShare.push(message);
    }
    const sends = shares.map((share, lane) => {
      if (share.size === 0) return this.tails[lane];
      const topicMessages = [...share].map(([topic, batch]) => ({ topic, messages: batch }));
      const producer = this.producers[lane];
      const sent = this.tails[lane].then(async () => {
        if (this.failure !== undefined) throw this.failure;
        try {
          await producer.sendBatch({ topicMessages, acks: -1, timeout: 30_000, compression: this.compression });
        } catch (error) {
          this.failure ??= error;
          throw error;
        }
      });
      this.tails[lane] = sent;
      return sent;
    });
    return Promise.all(sends).then(() => undefined);
  }

  async disconnect(): Promise<void> {
    await Promise.all(this.tails.map((tail) => tail.catch(() => undefined)));
    await Promise.all(this.producers.map((producer) => producer.disconnect().catch(() => undefined)));
  }
}
