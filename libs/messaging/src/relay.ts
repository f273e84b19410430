import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { EventStore, RecordedEvent, Subscription } from '@reorg/event-store';
import type { Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { type BackoffPolicy, DEFAULT_BACKOFF, backoffDelay } from './backoff';
import { CLOUDEVENTS_CONTENT_TYPE, serializeCloudEvent } from './cloud-event';
import { type IntegrationMessage, toIntegrationMessage } from './integration-events';
import { KeyHashPartitioner } from './key-partitioner';
import { RelayCheckpoint } from './relay-checkpoint';
import { type MessagingTopics, defaultTopics, ensureTopics } from './topics';

export interface RelayLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, stack?: string): void;
}

export interface RelayOptions {
  kafka: Kafka;
  topics?: MessagingTopics;
  /** Key of the relay's checkpoint row (default `relay`). */
  checkpointName?: string;
  /** Events read from the log per broker batch (default 1000). */
  batchSize?: number;
  backoff?: Partial<BackoffPolicy>;
  logger?: RelayLogger;
}

/**
 * Tails the global log from its own checkpoint and publishes each unit, governing-body and
 * proposal event as a CloudEvent (key = stream id) with one acks=all `sendBatch` per log batch.
 * The checkpoint moves only after the broker acknowledged the batch: a crash or a broker outage
 * re-sends from the checkpoint (at-least-once, consumers de-duplicate by event id), never skips.
 */
export class Relay {
  private readonly checkpoint: RelayCheckpoint;
  private readonly topics: MessagingTopics;
  private readonly backoff: BackoffPolicy;
  private readonly logger: RelayLogger;
  private producer: Producer | undefined;
  private topicsReady = false;
  private subscription: Subscription | undefined;
  private loop: Promise<void> | undefined;
  private stopSignal: AbortController | undefined;
  private consecutiveFailures = 0;
  private published = 0;
  /** Last position acknowledged by the broker and saved. */
  position = 0;

  constructor(
    private readonly store: EventStore,
    dataSource: DataSource,
    private readonly options: RelayOptions,
  ) {
    this.checkpoint = new RelayCheckpoint(dataSource, options.checkpointName ?? 'relay');
    this.topics = options.topics ?? defaultTopics();
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.logger = options.logger ?? new Logger(Relay.name);
  }

  get running(): boolean {
    return this.stopSignal !== undefined;
  }

  /** Messages acknowledged by the broker since start (re-sends included). */
  get publishedCount(): number {
    return this.published;
  }

  /** True while the last attempt to publish failed (the broker is unreachable or refusing). */
  get failing(): boolean {
    return this.consecutiveFailures > 0;
  }

  async start(): Promise<void> {
    if (this.stopSignal) throw new Error('relay is already running');
    await this.checkpoint.ensureTable();
    this.position = await this.checkpoint.read();
    const stopSignal = new AbortController();
    this.stopSignal = stopSignal;
    this.loop = this.run(stopSignal.signal);
    this.logger.log(`relay started after position ${this.position} → ${this.topics.units.name}, ${this.topics.proposals.name}`);
  }

  async stop(): Promise<void> {
    const stopSignal = this.stopSignal;
    if (!stopSignal) return;
    stopSignal.abort();
    await this.subscription?.close();
    await this.loop;
    await this.disconnectProducer();
    this.stopSignal = undefined;
  }

  /** Resolves true once everything up to the position is acknowledged, false on timeout. */
  async waitUntil(position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.position < position) {
      if (Date.now() >= deadline) return false;
      await sleep(25);
    }
    return true;
  }

  private async run(stop: AbortSignal): Promise<void> {
    while (!stop.aborted) {
      try {
        await this.follow(stop);
      } catch (error) {
        if (stop.aborted) return;
        this.consecutiveFailures += 1;
        const delay = backoffDelay(this.consecutiveFailures, this.backoff);
        const reason = error instanceof Error ? error : new Error(String(error));
        this.logger.warn(
          `relay failed after position ${this.position} (${this.consecutiveFailures} in a row), ` +
            `re-sending from the checkpoint in ${delay} ms: ${reason.message}`,
        );
        // A fresh idempotent producer: the old one's sequence numbers may no longer match the broker's.
        await this.disconnectProducer();
        await sleep(delay, undefined, { signal: stop }).catch(() => undefined);
      }
    }
  }

  private async follow(stop: AbortSignal): Promise<void> {
    await this.connect();
    const after = await this.checkpoint.read();
    this.position = after;
    const subscription = this.store.subscribeToAll((events) => this.publish(events), { after, batchSize: this.options.batchSize ?? 1000 });
    this.subscription = subscription;
    if (stop.aborted) return subscription.close();
    await subscription.done;
    if (!stop.aborted) throw new Error('log subscription ended without being closed');
  }

  private async connect(): Promise<void> {
    if (!this.topicsReady) {
      const admin = this.options.kafka.admin();
      await admin.connect();
      try {
        await ensureTopics(admin, this.topics);
        this.topicsReady = true;
      } finally {
        await admin.disconnect();
      }
    }
    if (!this.producer) {
      const producer = this.options.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: KeyHashPartitioner,
        retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5_000 },
      });
      await producer.connect();
      this.producer = producer;
    }
  }

  private async publish(events: RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const topicMessages = this.topicMessages(events.map(toIntegrationMessage).filter((m): m is IntegrationMessage => m !== undefined));
    if (topicMessages.length > 0) {
      if (!this.producer) throw new Error('relay producer is not connected');
      await this.producer.sendBatch({ topicMessages, acks: -1, timeout: 30_000 });
      this.published += topicMessages.reduce((sum, batch) => sum + batch.messages.length, 0);
    }
    const last = events[events.length - 1].position;
    await this.checkpoint.save(last);
    this.position = last;
    if (this.consecutiveFailures > 0) {
      this.logger.log(`relay recovered at position ${last}`);
      this.consecutiveFailures = 0;
    }
  }

  private topicMessages(messages: IntegrationMessage[]): TopicMessages[] {
    const byTopic = new Map<string, Message[]>();
    for (const message of messages) {
      const topic = message.audience === 'public' ? this.topics.units.name : this.topics.proposals.name;
      const batch = byTopic.get(topic) ?? [];
      batch.push({ key: message.key, value: serializeCloudEvent(message.event), headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE } });
      byTopic.set(topic, batch);
    }
    return [...byTopic].map(([topic, batch]) => ({ topic, messages: batch }));
  }

  private async disconnectProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}
