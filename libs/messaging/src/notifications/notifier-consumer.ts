import { Logger } from '@nestjs/common';
import { readModelTransaction } from '@reorg/projections';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { parseCloudEvent } from '../cloud-event';
import { firstDelivery } from './inbox';
import { NOTIFICATION_EVENT_TYPES, applyProposalMessage } from './notifications-updater';

export interface NotifierConsumerOptions {
  kafka: Kafka;
  topic: string;
  /** Consumer group, also the inbox's consumer name (default `reorg-notifier`). */
  groupId?: string;
}

const HANDLED = new Set<string>(NOTIFICATION_EVENT_TYPES);
const PROPOSAL_TYPE = /^reorg\.proposal\.([A-Za-z]+)\.v1$/;

/**
 * The notifier's consumer group on the internal proposals topic. Each message's inbox row and its
 * notification rows commit in one transaction; the offset is committed after it, so a crash in
 * between redelivers a message that the inbox then skips.
 */
export class NotifierConsumer {
  private readonly groupId: string;
  private consumer: Consumer | undefined;
  private readonly logger = new Logger(NotifierConsumer.name);
  /** Messages whose effect was committed by this instance (skipped duplicates excluded). */
  applied = 0;
  skipped = 0;
  private joined = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: NotifierConsumerOptions,
  ) {
    this.groupId = options.groupId ?? 'reorg-notifier';
  }

  async start(): Promise<void> {
    const consumer = this.options.kafka.consumer({ groupId: this.groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => (this.joined = true));
    for (const event of [consumer.events.CRASH, consumer.events.STOP, consumer.events.DISCONNECT]) consumer.on(event, () => (this.joined = false));
    await consumer.connect();
    await consumer.subscribe({ topics: [this.options.topic], fromBeginning: true });
    await consumer.run({ eachMessage: ({ message }) => this.handle(message) });
    this.logger.log(`notifier consuming ${this.options.topic} as group ${this.groupId}`);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
    this.joined = false;
  }

  /** True while the consumer is a member of its group (false before the first join and after a crash, until it rejoins). */
  get connected(): boolean {
    return this.consumer !== undefined && this.joined;
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
