import { type NotificationView, createKafka } from '@reorg/messaging';
import { PATIENCE_MS, requireKafka, uniqueName } from '@reorg/testing';
import { type ApprovalBed, absorbH2IntoH1, approvalClient, json, startApprovalBed } from '../approval/approval-bed';
import { expectProblem } from '../support/problem';

/** Polls GET /api/v1/notifications (projected asynchronously from the log) until `done` holds. */
async function notificationsOf(bed: ApprovalBed, token: string, done: (items: NotificationView[]) => boolean, timeoutMs = PATIENCE_MS): Promise<NotificationView[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { items } = await json<{ items: NotificationView[] }>(await bed.call(token, 'GET', '/api/v1/notifications'));
    if (done(items) || Date.now() > deadline) return items;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('approver notifications (embedded SQLite, projected in-process)', () => {
  let bed: ApprovalBed;

  beforeAll(async () => {
    bed = await startApprovalBed();
  });

  afterAll(async () => {
    await bed.close();
  });

  it('refuses a request without a token', async () => {
    await expectProblem(await fetch(`${await bed.app.getUrl()}/api/v1/notifications`), 401, 'UNAUTHENTICATED');
  });

  it('notifies the first step’s role when a proposal is submitted, resolves it on approval and notifies the next role', async () => {
    const client = approvalClient(bed);
    const proposer = await bed.token('nguyen.van.a', ['proposer'], [bed.bodies.health]);
    const submitted = await client.submit(proposer, (await client.draft(proposer, absorbH2IntoH1(bed))).id);
    const [first, second] = submitted.steps;
    expect(first.role).toBe('doha_appraiser');

    const approver = await bed.token('le.van.tham.dinh', [first.role]);
    const pending = await notificationsOf(bed, approver, (items) => items.length > 0);
    expect(pending).toEqual([
      expect.objectContaining({ kind: 'STEP_PENDING', proposalId: submitted.id, stepId: first.stepId, dueDate: first.dueDate ?? null, resolvedAt: null }),
    ]);
    expect(pending[0].message).toContain(submitted.id);

    // Neither the next step's role nor the proposer are told yet.
    const nextApprover = await bed.token('pham.thuong.vu', [second.role]);
    expect(await notificationsOf(bed, nextApprover, () => true)).toEqual([]);
    expect(await notificationsOf(bed, proposer, () => true)).toEqual([]);

    await client.decide(approver, submitted);
    const resolved = await notificationsOf(bed, approver, (items) => items[0]?.resolvedAt !== null);
    expect(resolved).toEqual([expect.objectContaining({ stepId: first.stepId, resolvedAt: expect.any(String) })]);
    const next = await notificationsOf(bed, nextApprover, (items) => items.length > 0);
    expect(next).toEqual([expect.objectContaining({ kind: 'STEP_PENDING', proposalId: submitted.id, stepId: second.stepId, resolvedAt: null })]);
  });
});

describe('approver notifications with KAFKA_BROKERS and plain npm start (the notifier embedded in the api, real broker)', () => {
  let bed: ApprovalBed;
  const topic = uniqueName('embedded_notifier_proposals');

  beforeAll(async () => {
    bed = await startApprovalBed({ env: { KAFKA_BROKERS: requireKafka().join(','), KAFKA_PROPOSALS_TOPIC: topic, KAFKA_TOPIC_PARTITIONS: '2', NOTIFIER_GROUP_ID: uniqueName('embedded_notifier') } });
  });

  afterAll(async () => {
    await bed?.close();
    const admin = createKafka({ brokers: requireKafka(), clientId: 'embedded-notifier-cleanup' }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('never stops notifying: the api consumes the internal topic itself and says so on /health/ready', async () => {
    const ready = await json<{ checks: { runtimes: Record<string, string> } }>(await fetch(`${await bed.app.getUrl()}/health/ready`));
    expect(ready.checks.runtimes).toMatchObject({ relay: 'embedded', notifications: 'embedded' });

    const client = approvalClient(bed);
    const proposer = await bed.token('nguyen.van.a', ['proposer'], [bed.bodies.health]);
    const submitted = await client.submit(proposer, (await client.draft(proposer, absorbH2IntoH1(bed))).id);
    const approver = await bed.token('le.van.tham.dinh', [submitted.steps[0].role]);
    const pending = await notificationsOf(bed, approver, (items) => items.length > 0);
    expect(pending).toEqual([expect.objectContaining({ kind: 'STEP_PENDING', proposalId: submitted.id, stepId: submitted.steps[0].stepId })]);
  });
});
