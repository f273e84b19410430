import type { Admin, ITopicConfig } from 'kafkajs';

export interface TopicSettings {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Broker-side topic configuration, e.g. `{ 'min.insync.replicas': '2' }`. */
  config?: Record<string, string>;
}

/** The relay's two topics: the public integration contract and the internal workflow feed. */
export interface MessagingTopics {
  /** Public: curated unit and governing-body changes (reorg.units.v1). */
  units: TopicSettings;
  /** Internal: proposal and sign-off events for our own consumers. */
  proposals: TopicSettings;
}

export const UNITS_TOPIC = 'reorg.units.v1';
export const PROPOSALS_INTERNAL_TOPIC = 'reorg.proposals.internal.v1';

export interface TopicConfiguration {
  partitions?: number;
  replicationFactor?: number;
  config?: Record<string, string>;
  /** Overrides the internal topic's name (KAFKA_PROPOSALS_TOPIC), to isolate an environment on a shared broker. */
  proposalsTopic?: string;
}

/** The contract's topic names with partitions, replication and broker settings from configuration. */
export function defaultTopics(settings: TopicConfiguration = {}): MessagingTopics {
  const partitions = settings.partitions ?? 6;
  const replicationFactor = settings.replicationFactor ?? 1;
  const config = settings.config ?? {};
  return {
    units: { name: UNITS_TOPIC, partitions, replicationFactor, config },
    proposals: { name: settings.proposalsTopic ?? PROPOSALS_INTERNAL_TOPIC, partitions, replicationFactor, config },
  };
}

/** Creates the missing topics (existing ones are left as they are) and waits for their leaders. */
export async function ensureTopics(admin: Admin, topics: MessagingTopics): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing: ITopicConfig[] = Object.values(topics)
    .filter((topic: TopicSettings) => !existing.has(topic.name))
    .map((topic: TopicSettings) => ({
      topic: topic.name,
      numPartitions: topic.partitions,
      replicationFactor: topic.replicationFactor,
      configEntries: Object.entries(topic.config ?? {}).map(([name, value]) => ({ name, value })),
    }));
  if (missing.length === 0) return;
  await admin.createTopics({ topics: missing, waitForLeaders: true });
}
