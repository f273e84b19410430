import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { readModelTransaction } from '@reorg/projections';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { type BackoffPolicy, backoffDelay } from '../backoff';
import { parseCloudEvent } from '../cloud-event';
import { firstDelivery } from './inbox';
import { NOTIFICATION_EVENT_TYPES, applyProposalMessage } from './notifications-updater';

export interface NotifierConsumerOptions {
  kafka: Kafka;
  topic: string;
  /** Consumer group, also the inbox's consumer name (default `reorg-notifier`). */
  groupId?: string;
  /** Between attempts to reach the broker, find the topic or rejoin (default 250 ms doubling to 5 s). */
  backoff?: Partial<BackoffPolicy>;
}

const NOTIFIER_BACKOFF: BackoffPolicy = { initialDelayMs: 250, maxDelayMs: 5_000 };

const HANDLED = new Set<string>(NOTIFICATION_EVENT_TYPES);
const PROPOSAL_TYPE = /^reorg\.proposal\.([A-Za-z]+)\.v1$/;

/**
 * The notifier's consumer group on the internal proposals topic. Each message's inbox row and its
 * notification rows commit in one transaction; the offset is committed after it, so a crash in
 * between redelivers a message that the inbox then skips. It never gives up: it waits for the
 * broker and for its topic, and joins again after a crash.
 */
export class NotifierConsumer {
  private readonly groupId: string;
  private readonly backoff: BackoffPolicy;
  private consumer: Consumer | undefined;
  private readonly logger = new Logger(NotifierConsumer.name);
  /** Messages whose effect was committed by this instance (skipped duplicates excluded). */
  applied = 0;
  skipped = 0;
  private joined = false;
  private stopSignal: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private waiting = 'not started';

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: NotifierConsumerOptions,
  ) {
    this.groupId = options.groupId ?? 'reorg-notifier';
    this.backoff = { ...NOTIFIER_BACKOFF, ...options.backoff };
  }

  /**
   * Starts consuming in the background and returns at once: a broker that does not answer yet or a
   * topic the relay has not created yet is waited for with capped back-off (see `waitingFor`), and a
   * consumer that crashes for good is started again the same way.
   */
  start(): Promise<void> {
    if (this.stopSignal) return Promise.reject(new Error('the notifier consumer is already running'));
    const stopSignal = new AbortController();
    this.stopSignal = stopSignal;
    this.loop = this.keepConsuming(stopSignal.signal);
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopSignal?.abort();
    await this.disconnect();
    await this.loop;
    this.loop = undefined;
    this.stopSignal = undefined;
    this.waiting = 'stopped';
  }

  /** True while the consumer is a member of its group (false before the first join and after a crash, until it rejoins). */
  get connected(): boolean {
    return this.consumer !== undefined && this.joined;
  }

  /** What the consumer is waiting for while not connected (the broker, its topic, its group). */
  get waitingFor(): string {
    return this.connected ? 'nothing' : this.waiting;
  }

  private async keepConsuming(stop: AbortSignal): Promise<void> {
    let failures = 0;
    while (!stop.aborted) {
      try {
        await this.waitForTopic(stop);
        if (stop.aborted) return;
        const { crashed } = await this.consume();
        failures = 0;
        const reason = await Promise.race([crashed, aborted(stop)]);
        if (stop.aborted) return;
        throw reason;
      } catch (error) {
        if (stop.aborted) return;
        failures += 1;
        const delay = backoffDelay(failures, this.backoff);
        this.waiting = `${this.waiting} (${messageOf(error)})`;
        this.logger.warn(`notifier not consuming ${this.options.topic} (${failures} in a row), trying again in ${delay} ms: ${messageOf(error)}`);
        await this.disconnect();
        await sleep(delay, undefined, { signal: stop }).catch(() => undefined);
      }
    }
  }

  /** The relay creates the topic; until it exists (with a leader for every partition) there is nothing to join. */
  private async waitForTopic(stop: AbortSignal): Promise<void> {
    this.waiting = 'the broker';
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      for (let attempt = 1; !stop.aborted; attempt += 1) {
        this.waiting = `topic ${this.options.topic} (the relay creates it)`;
        if ((await admin.listTopics()).includes(this.options.topic)) {
          const metadata = await admin.fetchTopicMetadata({ topics: [this.options.topic] });
          const partitions = metadata.topics[0]?.partitions ?? [];
          if (partitions.length > 0 && partitions.every((partition) => partition.leader >= 0)) return;
        }
        await sleep(backoffDelay(attempt, this.backoff), undefined, { signal: stop }).catch(() => undefined);
      }
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** Joins the group and runs; `crashed` settles with the reason if the consumer crashes without restarting itself (wrapped: an async function would wait for it). */
  private async consume(): Promise<{ crashed: Promise<Error> }> {
    this.waiting = `group ${this.groupId} on ${this.options.topic}`;
    const consumer = this.options.kafka.consumer({ groupId: this.groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    this.consumer = consumer;
    let crashed: (reason: Error) => void = () => undefined;
    const crash = new Promise<Error>((resolve) => (crashed = resolve));
    consumer.on(consumer.events.GROUP_JOIN, () => (this.joined = true));
    for (const event of [consumer.events.STOP, consumer.events.DISCONNECT]) consumer.on(event, () => (this.joined = false));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.joined = false;
      // kafkajs restarts the consumer itself after a retriable error; otherwise it stays stopped.
      if (!payload.restart) crashed(payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [this.options.topic], fromBeginning: true });
    await consumer.run({ eachMessage: ({ message }) => this.handle(message) });
    this.logger.log(`notifier consuming ${this.options.topic} as group ${this.groupId}`);
    return { crashed: crash };
  }

  private async disconnect(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    this.joined = false;
    await consumer?.disconnect().catch(() => undefined);
  }

  async handle(message: KafkaMessage): Promise<void> {
    const event = parseCloudEvent(message.value);
    const type = PROPOSAL_TYPE.exec(event.type)?.[1];
    if (!type || !HANDLED.has(type)) return;
    const receivedAt = new Date().toISOString();
    const applied = await readModelTransaction(this.dataSource, async (tx) => {
      if (!(await firstDelivery(tx, this.groupId, event.id, receivedAt))) return false;
      await applyProposalMessage({ eventId: event.id, type, data: event.data, time: event.time }, tx);
      return true;
    });
    if (applied) this.applied += 1;
    else this.skipped += 1;
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
