import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type CloudEvent, CLOUDEVENTS_CONTENT_TYPE, EVENT_SOURCE, InboxRow, NotificationQueries, NotificationRow, NotifierConsumer, notificationTablesOnly, serializeCloudEvent } from '@reorg/messaging';
import { openReadModelDataSource } from '@reorg/projections';
import { createThrowawaySchema, PATIENCE_MS, requireKafka, requirePostgres, type ThrowawayPostgres, uniqueName } from '@reorg/testing';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { testKafka } from './messaging-test-bed';

const TIMEOUT_MS = 180_000;

function proposalEvent(type: string, data: Record<string, unknown>, position: number): CloudEvent {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: EVENT_SOURCE,
    type: `reorg.proposal.${type}.v1`,
    subject: 'proposal-p1',
    time: `2025-03-0${position}T08:00:00.000Z`,
    datacontenttype: 'application/json',
    data: { proposalId: 'p1', ...data } as CloudEvent['data'],
    position,
    hash: 'h'.repeat(64),
  };
}

describe('Notifier: approver notifications from the internal topic, de-duplicated by an inbox (real broker, PostgreSQL)', () => {
  let kafka: Kafka;
  let schema: ThrowawayPostgres;
  let dataSource: DataSource;
  const topic = uniqueName('notifier_in');
  const groupId = uniqueName('notifier');
  const consumers: NotifierConsumer[] = [];

  beforeAll(async () => {
    kafka = testKafka(requireKafka(), 'notifier-test');
    schema = await createThrowawaySchema('notifier');
    dataSource = await openReadModelDataSource({ kind: 'postgres', databaseUrl: requirePostgres(), schema: schema.name }, [notificationTablesOnly]);
  });

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await dataSource?.destroy();
    await schema?.drop();
    if (kafka) {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  async function consumeUntil(handled: number): Promise<NotifierConsumer> {
    const consumer = new NotifierConsumer(dataSource, { kafka, topic, groupId });
    consumers.push(consumer);
    await consumer.start();
    const deadline = Date.now() + PATIENCE_MS;
    while (consumer.applied + consumer.skipped < handled && Date.now() < deadline) await sleep(50);
    await consumer.stop();
    return consumer;
  }

  it(
    'a redelivered message (the same event twice, and the whole topic again after lost offsets) does not double a notification',
    async () => {
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
      const submitted = proposalEvent(
        'ProposalSubmitted',
        {
          round: 1,
          steps: [
            { stepId: 's1', name: 'Thẩm định', role: 'doha_appraiser', deadlineWorkingDays: 5, dueDate: '2025-03-10' },
            { stepId: 's2', name: 'Phê duyệt', role: 'ppc_leader', deadlineWorkingDays: 3 },
          ],
        },
        1,
      );
      const approved = proposalEvent('StepApproved', { round: 1, stepId: 's1', decidedBy: 'a1', role: 'doha_appraiser', comment: 'ok', nextStepId: 's2', nextStepDueDate: '2025-03-14' }, 2);
      const producer = kafka.producer({ idempotent: true });
      await producer.connect();
      await producer.send({
        topic,
        acks: -1,
        // The relay re-sends after a crash: the same event arrives twice.
        messages: [submitted, submitted, approved].map((event) => ({ key: event.subject, value: serializeCloudEvent(event), headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE } })),
      });
      await producer.disconnect();

      const first = await consumeUntil(3);
      expect({ applied: first.applied, skipped: first.skipped }).toEqual({ applied: 2, skipped: 1 });

      // As if the consumer died after its transactions but before committing offsets.
      await admin.resetOffsets({ groupId, topic, earliest: true });
      await admin.disconnect();
      const second = await consumeUntil(3);
      expect({ applied: second.applied, skipped: second.skipped }).toEqual({ applied: 0, skipped: 3 });

      expect(await dataSource.getRepository(InboxRow).count()).toBe(2);
      expect(await dataSource.getRepository(NotificationRow).count()).toBe(2);
      const queries = new NotificationQueries(dataSource);
      expect(await queries.forRecipient('someone', ['ppc_leader'])).toEqual([
        expect.objectContaining({ kind: 'STEP_PENDING', proposalId: 'p1', stepId: 's2', dueDate: '2025-03-14', message: 'Proposal p1 awaits your step "Phê duyệt", due 2025-03-14', resolvedAt: null }),
      ]);
      expect(await queries.forRecipient('someone', ['doha_appraiser'])).toEqual([
        expect.objectContaining({ stepId: 's1', dueDate: '2025-03-10', resolvedAt: approved.time }),
      ]);
      expect(await queries.forRecipient('someone', ['auditor'])).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
