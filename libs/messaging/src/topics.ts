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

export function defaultTopics(overrides: { partitions?: number; replicationFactor?: number } = {}): MessagingTopics {
  const partitions = overrides.partitions ?? 6;
  const replicationFactor = overrides.replicationFactor ?? 1;
  return {
    units: { name: UNITS_TOPIC, partitions, replicationFactor },
    proposals: { name: PROPOSALS_INTERNAL_TOPIC, partitions, replicationFactor },
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
