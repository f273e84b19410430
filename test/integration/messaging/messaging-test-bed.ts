import { randomUUID } from 'node:crypto';
import { type CloudEvent, type MessagingTopics, createKafka, parseCloudEvent } from '@reorg/messaging';
import { type EventStore, type NewEvent, PostgresEventStore, type RecordedEvent } from '@reorg/event-store';
import { openReadModelDataSource } from '@reorg/projections';
import { createThrowawaySchema, PATIENCE_MS, requirePostgres, uniqueName } from '@reorg/testing';
import { type Kafka, logLevel } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { readingOwnWrites } from '../event-store/support';

/** A PostgreSQL event store and read-model database in throwaway schemas. */
export interface StoreBed {
  store: PostgresEventStore;
  readModels: DataSource;
  close(): Promise<void>;
}

export async function openStoreBed(label: string): Promise<StoreBed> {
  const connectionString = requirePostgres();
  const storeSchema = uniqueName(`${label}_es`);
  const readSchema = await createThrowawaySchema(`${label}_rm`);
  // Appends wait until readable: on a busy PostgreSQL cluster the head lags behind a resolved append.
  const store = readingOwnWrites(await PostgresEventStore.connect({ connectionString, schema: storeSchema }));
  const readModels = await openReadModelDataSource({ kind: 'postgres', databaseUrl: connectionString, schema: readSchema.name }, []);
  return {
    store,
    readModels,
    close: async () => {
      await readModels.destroy();
      await store.dropSchema();
      await store.close();
      await readSchema.drop();
    },
  };
}

export function uniqueTopics(label: string, partitions = 3): MessagingTopics {
  return {
    units: { name: uniqueName(`${label}_units`), partitions, replicationFactor: 1 },
    proposals: { name: uniqueName(`${label}_proposals`), partitions, replicationFactor: 1 },
  };
}

export function testKafka(brokers: string[], clientId = 'messaging-test'): Kafka {
  return createKafka({ brokers, clientId, logLevel: logLevel.NOTHING });
}

const decision = { key: 'QD-1/UBND', number: '1/QĐ-UBND', date: '2025-06-01', effectiveDate: '2025-07-01', issuer: 'UBND', signer: 'Chủ tịch' };

/** A unit rename as the register records it (the relay maps the shape, not the rules). */
export function unitRenamed(unitId: string, name: string): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'UnitRenamed',
    data: { unitId, effectiveDate: '2025-07-01', decision, proposalId: 'p-internal', operationIndex: 0, name, previousName: `${name} (old)` },
    metadata: { actor: 'admin-1', roles: ['admin'] },
  };
}

/** Appends `count` renames to each unit stream, one command per event, in turns across streams. */
export async function appendRenames(store: EventStore, unitIds: string[], count: number): Promise<void> {
  for (let round = 1; round <= count; round++) {
    for (const unitId of unitIds) await store.appendToStream(`unit-${unitId}`, 'any', [unitRenamed(unitId, `Unit ${unitId} #${round}`)]);
  }
}

/** The whole global log (readAll answers at most one page). */
export async function readWholeLog(store: EventStore): Promise<RecordedEvent[]> {
  const log: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: log.at(-1)?.position ?? 0 });
    if (page.length === 0) return log;
    log.push(...page);
  }
}

export interface TopicRecord {
  key: string;
  partition: number;
  offset: string;
  contentType: string | undefined;
  event: CloudEvent;
}

/**
 * Reads a topic from the beginning with a fresh consumer group until `distinctIds` different
 * events arrived (or the timeout passes: the caller's assertions then show what is missing).
 */
export async function readTopic(kafka: Kafka, topic: string, distinctIds: number, timeoutMs = PATIENCE_MS): Promise<TopicRecord[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), sessionTimeout: 30_000, heartbeatInterval: 1_000 });
  const records: TopicRecord[] = [];
  const ids = new Set<string>();
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const timer = setTimeout(finish, timeoutMs);
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        records.push({
          key: message.key?.toString() ?? '',
          partition,
          offset: message.offset,
          contentType: message.headers?.['content-type']?.toString(),
          event: parseCloudEvent(message.value),
        });
        ids.add(records[records.length - 1].event.id);
        if (ids.size >= distinctIds) finish();
      },
    });
    await finished;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return records;
}

/** Per key: the event ids in topic order. Records of one key share a partition, so this is the broker's order. */
export function idsByKey(records: TopicRecord[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const record of [...records].sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset))) {
    byKey.set(record.key, [...(byKey.get(record.key) ?? []), record.event.id]);
  }
  return byKey;
}

/** Drops exact re-sends: a repeat of an id already seen for the key. */
export function withoutResends(ids: string[]): string[] {
  return [...new Set(ids)];
}

/**
 * True when the ids read like at-least-once delivery of one ordered sequence: after a re-send
 * restarts from an earlier id, it walks forward again without skipping any.
 */
export function onlyRestartResends(ids: string[]): boolean {
  const indexOf = new Map<string, number>();
  let next = 0;
  for (const id of ids) {
    const index = indexOf.get(id) ?? indexOf.size;
    if (!indexOf.has(id)) indexOf.set(id, index);
    if (index > next) return false;
    next = index + 1;
  }
  return true;
}
