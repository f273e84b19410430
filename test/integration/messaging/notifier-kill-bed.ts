import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordedEvent } from '@reorg/event-store';
import { CLOUDEVENTS_CONTENT_TYPE, serializeCloudEvent, toIntegrationMessage } from '@reorg/messaging';
import { createThrowawaySchema, PATIENCE_MS, requireKafka, type ThrowawayPostgres, uniqueName, waitFor } from '@reorg/testing';
import type { Admin, Producer } from 'kafkajs';
import { Client } from 'pg';
import { testKafka } from './messaging-test-bed';
import { type NotifierCounts, NotifierProcess } from './notifier-process';

const PARTITIONS = 3;

/** What the broker and the read-model database say once no member is consuming. */
export interface Snapshot {
  /** Inbox rows: messages whose effect was committed. */
  inbox: number;
  /** Messages below the group's committed offsets (each partition is consumed as a prefix from offset 0). */
  committed: number;
}

/** One proposal as the relay publishes it: submitted, then approved at its first step (one key, so in order). */
interface PublishedProposal {
  proposalId: string;
  submittedId: string;
  approvedId: string;
}

/** Notifier processes on a topic, group and read-model schema of their own, fed with the relay's CloudEvents. */
export class NotifierKillBed {
  readonly proposals: PublishedProposal[] = [];
  private readonly notifiers: NotifierProcess[] = [];
  private position = 0;

  private constructor(
    readonly topic: string,
    readonly groupId: string,
    private readonly schema: ThrowawayPostgres,
    private readonly admin: Admin,
    private readonly producer: Producer,
    private readonly db: Client,
  ) {}

  static async open(label: string): Promise<NotifierKillBed> {
    const kafka = testKafka(requireKafka(), 'notifier-kill');
    const schema = await createThrowawaySchema(label);
    const topic = uniqueName(`${label}_proposals`);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }], waitForLeaders: true });
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    const db = new Client({ connectionString: schema.connectionString });
    await db.connect();
    return new NotifierKillBed(topic, uniqueName(`${label}_notifier`), schema, admin, producer, db);
  }

  get messageCount(): number {
    return this.proposals.length * 2;
  }

  startNotifier(name: string): Promise<NotifierProcess> {
    return NotifierProcess.spawn(name, {
      EVENT_STORE: 'postgres',
      DATABASE_URL: this.schema.connectionString,
      DATABASE_SCHEMA: this.schema.name,
      KAFKA_BROKERS: requireKafka().join(','),
      KAFKA_PROPOSALS_TOPIC: this.topic,
      NOTIFIER_GROUP_ID: this.groupId,
    }).then((notifier) => {
      this.notifiers.push(notifier);
      return notifier;
    });
  }

  async publishProposals(count: number): Promise<void> {
    const batch = Array.from({ length: count }, () => this.nextProposal());
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: batch.flatMap(({ events }) => events).map((event) => {
        const message = toIntegrationMessage(event);
        if (!message) throw new Error(`${event.type} is not published`);
        return { key: message.key, value: serializeCloudEvent(message.event), headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE } };
      }),
    });
    this.proposals.push(...batch.map(({ proposal }) => proposal));
  }

  /** Publishes `perTick` proposals every `everyMs` until stopped. */
  streamProposals(perTick: number, everyMs: number): { stop(): Promise<void> } {
    let running = true;
    const loop = (async () => {
      while (running) {
        await this.publishProposals(perTick);
        await sleep(everyMs);
      }
    })();
    return {
      stop: async () => {
        running = false;
        await loop;
      },
    };
  }

  async snapshot(): Promise<Snapshot> {
    const [{ count }] = (await this.db.query(`select count(*)::int as count from "${this.schema.name}".messaging_inbox where consumer = $1`, [this.groupId])).rows as { count: number }[];
    const [offsets] = await this.admin.fetchOffsets({ groupId: this.groupId, topics: [this.topic] });
    // -1: nothing committed yet on that partition.
    const committed = offsets.partitions.reduce((sum, { offset }) => sum + Math.max(0, Number(offset)), 0);
    return { inbox: count, committed };
  }

  /**
   * The snapshot once it has stopped changing: after kill -9, a commit already on the wire (an
   * inbox transaction, an offset commit) may still land, later the busier the machine is.
   */
  async settledSnapshot(): Promise<Snapshot> {
    let last = await this.snapshot();
    let unchangedReads = 0;
    await waitFor(
      'the inbox and the committed offsets to settle after the kill',
      async () => {
        const next = await this.snapshot();
        unchangedReads = next.inbox === last.inbox && next.committed === last.committed ? unchangedReads + 1 : 0;
        last = next;
        return unchangedReads >= 2;
      },
      { intervalMs: 100 },
    );
    return last;
  }

  async groupState(): Promise<string> {
    const { groups } = await this.admin.describeGroups([this.groupId]);
    return groups[0]?.state ?? 'Unknown';
  }

  /** Polls the notifiers' counters until together they handled `handled` messages. */
  async waitForHandled(notifiers: NotifierProcess[], handled: number, timeoutMs = PATIENCE_MS): Promise<NotifierCounts> {
    const deadline = Date.now() + timeoutMs;
    let total: NotifierCounts = { applied: 0, skipped: 0 };
    while (Date.now() < deadline) {
      const counts = await Promise.all(notifiers.map((notifier) => notifier.counts()));
      if (counts.every((count) => count !== undefined)) {
        total = counts.reduce((sum, count) => ({ applied: sum.applied + count.applied, skipped: sum.skipped + count.skipped }), { applied: 0, skipped: 0 });
        if (total.applied + total.skipped >= handled) return total;
      }
      await sleep(100);
    }
    throw new Error(`the notifiers handled ${total.applied + total.skipped} of ${handled} messages within ${timeoutMs} ms:\n${this.logs()}`);
  }

  /** Per message: its inbox row and its notification, or what is wrong with them. Empty when each message took effect exactly once. */
  async effectProblems(): Promise<string[]> {
    const inbox = new Set(
      ((await this.db.query(`select event_id from "${this.schema.name}".messaging_inbox where consumer = $1`, [this.groupId])).rows as { event_id: string }[]).map((row) => row.event_id),
    );
    const rows = (
      await this.db.query(
        `select source_event_id, count(*)::int as count, min(step_id) as step, bool_and(resolved_at is not null) as resolved
         from "${this.schema.name}".notifications group by source_event_id`,
      )
    ).rows as { source_event_id: string; count: number; step: string; resolved: boolean }[];
    const notifications = new Map(rows.map((row) => [row.source_event_id, row]));
    const expected = this.proposals.flatMap(({ submittedId, approvedId }) => [
      // The submission's notification (step s1) was resolved by the approval, which notified step s2.
      { eventId: submittedId, step: 's1', resolved: true },
      { eventId: approvedId, step: 's2', resolved: false },
    ]);
    const problems: string[] = [];
    if (inbox.size !== expected.length) problems.push(`${inbox.size} inbox rows for ${expected.length} messages`);
    if (notifications.size !== expected.length) problems.push(`notifications from ${notifications.size} events for ${expected.length} messages`);
    for (const { eventId, step, resolved } of expected) {
      const row = notifications.get(eventId);
      if (!inbox.has(eventId)) problems.push(`${eventId}: no inbox row`);
      if (!row) problems.push(`${eventId}: no notification`);
      else if (row.count !== 1 || row.step !== step || row.resolved !== resolved) problems.push(`${eventId}: ${JSON.stringify(row)}, expected one for ${step} resolved=${resolved}`);
    }
    return problems;
  }

  logs(): string {
    return this.notifiers.map((notifier) => `--- notifier ${notifier.name}${notifier.exited ? ' (exited)' : ''}\n${notifier.logs}`).join('\n');
  }

  async close(): Promise<void> {
    await Promise.all(this.notifiers.map((notifier) => notifier.kill()));
    await this.producer.disconnect();
    await this.admin.deleteTopics({ topics: [this.topic] }).catch(() => undefined);
    await this.admin.disconnect();
    await this.db.end();
    await this.schema.drop();
  }

  private nextProposal(): { proposal: PublishedProposal; events: RecordedEvent[] } {
    const proposalId = `p-${randomUUID()}`;
    const streamId = `proposal-${proposalId}`;
    const submitted = this.recorded(streamId, 1, 'ProposalSubmitted', {
      proposalId,
      round: 1,
      steps: [
        { stepId: 's1', name: 'Thẩm định', role: 'doha_appraiser', deadlineWorkingDays: 5, dueDate: '2025-03-10' },
        { stepId: 's2', name: 'Phê duyệt', role: 'ppc_leader', deadlineWorkingDays: 3 },
      ],
    });
    const approved = this.recorded(streamId, 2, 'StepApproved', {
      proposalId,
      round: 1,
      stepId: 's1',
      decidedBy: 'le.van.tham.dinh',
      role: 'doha_appraiser',
      comment: 'ok',
      nextStepId: 's2',
      nextStepDueDate: '2025-03-14',
    });
    return { proposal: { proposalId, submittedId: submitted.eventId, approvedId: approved.eventId }, events: [submitted, approved] };
  }

  private recorded(streamId: string, version: number, type: string, data: RecordedEvent['data']): RecordedEvent {
    this.position += 1;
    return {
      eventId: randomUUID(),
      streamId,
      version,
      position: this.position,
      type,
      schemaVersion: 1,
      data,
      metadata: { recordedAt: new Date(Date.UTC(2025, 2, 1) + this.position * 1000).toISOString(), actor: 'nguyen.van.a' },
      hash: 'h'.repeat(64),
      globalHash: 'g'.repeat(64),
    };
  }
}
