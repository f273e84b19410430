import { type CloudEvent, UNITS_TOPIC, createKafka, parseCloudEvent } from '@reorg/messaging';
import type { NotificationView } from '@reorg/messaging';
import { PATIENCE_MS, type ThrowawayPostgres, createThrowawaySchema, requireKafka, uniqueName } from '@reorg/testing';
import { logLevel } from 'kafkajs';
import { ApiProcess } from '../execution/api-process';
import { ApprovalFlow, json } from '../execution/approval-flow';
import { TEST_DEV_SECRET } from '../support/test-app';

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = PATIENCE_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Reads the public topic from the beginning until a message matches (other suites share the topic). */
async function firstPublicEvent(brokers: string[], matches: (event: CloudEvent) => boolean, timeoutMs = PATIENCE_MS): Promise<{ key: string; event: CloudEvent }> {
  const consumer = createKafka({ brokers, clientId: 'distributed-e2e', logLevel: logLevel.NOTHING }).consumer({ groupId: uniqueName('e2e_reader'), sessionTimeout: 30_000, heartbeatInterval: 1_000 });
  let found: { key: string; event: CloudEvent } | undefined;
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [UNITS_TOPIC], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const event = parseCloudEvent(message.value);
        if (!found && matches(event)) found = { key: message.key?.toString() ?? '', event };
      },
    });
    return await eventually(`a matching message on ${UNITS_TOPIC}`, async () => found, timeoutMs);
  } finally {
    await consumer.disconnect();
  }
}

/**
 * Distributed mode as deployed: api, approval, projector, relay and notifier as five OS processes on
 * one PostgreSQL schema and the real broker. A proposal goes from creation through sign-off and
 * execution to an approver notification and a unit event on the public topic.
 */
describe('distributed mode: five processes on PostgreSQL and Kafka', () => {
  let schema: ThrowawayPostgres;
  const apps = new Map<string, ApiProcess>();

  beforeAll(async () => {
    const brokers = requireKafka();
    schema = await createThrowawaySchema('all_apps');
    const env = {
      EVENT_STORE: 'postgres',
      DATABASE_URL: schema.connectionString,
      DATABASE_SCHEMA: schema.name,
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_TOPIC_PARTITIONS: '3',
      NOTIFIER_GROUP_ID: uniqueName('notifier'),
      KAFKA_PROPOSALS_TOPIC: uniqueName('proposals_internal'),
      DEV_TOKEN_SECRET: TEST_DEV_SECRET,
      APPROVAL_TICK_SECONDS: '1',
      CLOCK_FIXED_AT: '2025-07-01T03:00:00Z',
      RATE_LIMIT_ENABLED: 'false',
    };
    // One after the other: each creates its read-model tables at start-up.
    apps.set('projector', await ApiProcess.start(env, 'apps/projector/src/main.ts'));
    apps.set('api', await ApiProcess.start({ ...env, APPROVAL_RUNTIME: 'off', PROJECTIONS_RUNTIME: 'off', RELAY_RUNTIME: 'off' }));
    apps.set('approval', await ApiProcess.start(env, 'apps/approval/src/main.ts'));
    apps.set('relay', await ApiProcess.start(env, 'apps/relay/src/main.ts'));
    apps.set('notifier', await ApiProcess.start(env, 'apps/notifier/src/main.ts'));
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...apps.values()].map((app) => app.kill()));
    await schema?.drop();
  });

  function logs(): string {
    return [...apps.entries()].map(([name, app]) => `--- ${name}\n${app.logs.slice(-3_000)}`).join('\n');
  }

  it('walks a proposal from creation through sign-off and execution to a notification and a public unit event', async () => {
    const api = apps.get('api') as ApiProcess;
    const flow = new ApprovalFlow(api.url);
    const seed = await flow.seed();
    // The import's answer waited for the projector (read-your-writes through its checkpoints).
    const admin = await flow.token('admin-1', ['admin']);
    expect(await json<{ name: string }>(await flow.call(admin, 'GET', `/api/v1/units/${seed.unitId}`), 200)).toMatchObject({ name: 'Bệnh viện Đa khoa tỉnh' });

    const submitted = await flow.submitRename(seed, '2025-07-01', 'Bệnh viện Đa khoa trung tâm tỉnh');
    const firstStep = submitted.steps[0];
    const approver = await flow.token('leader-1', [firstStep.role]);
    const pending = await eventually(
      'the first approver’s notification from the notifier',
      async () => {
        const { items } = await json<{ items: NotificationView[] }>(await flow.call(approver, 'GET', '/api/v1/notifications'), 200);
        return items.find((item) => item.proposalId === submitted.id && item.stepId === firstStep.stepId);
      },
    ).catch((error: Error) => Promise.reject(new Error(`${error.message}\n${logs()}`)));
    expect(pending).toMatchObject({ kind: 'STEP_PENDING', resolvedAt: null });

    const approved = await flow.approveAll(submitted, { number: '123/QĐ-UBND', date: '2025-06-20', effectiveDate: '2025-07-01' });
    expect(['APPROVED', 'EXECUTED']).toContain(approved.status);

    const executed = await eventually('execution by the approval service, projected by the projector', async () => {
      const proposal = await json<{ status: string }>(await flow.call(admin, 'GET', `/api/v1/proposals/${submitted.id}`), 200);
      return proposal.status === 'EXECUTED' ? proposal : undefined;
    }).catch((error: Error) => Promise.reject(new Error(`${error.message}\n${logs()}`)));
    expect(executed.status).toBe('EXECUTED');
    const unit = await eventually('the renamed unit', async () => {
      const view = await json<{ name: string }>(await flow.call(admin, 'GET', `/api/v1/units/${seed.unitId}`), 200);
      return view.name === 'Bệnh viện Đa khoa trung tâm tỉnh' ? view : undefined;
    });
    expect(unit.name).toBe('Bệnh viện Đa khoa trung tâm tỉnh');

    const published = await firstPublicEvent(
      requireKafka(),
      (event) => event.type === 'reorg.register.UnitRenamed.v1' && (event.data as { unitId?: string }).unitId === seed.unitId,
    );
    expect(published.key).toBe(published.event.subject);
    expect(published.event.data).toMatchObject({ unitId: seed.unitId, effectiveDate: '2025-07-01', decision: expect.objectContaining({ number: '123/QĐ-UBND' }), change: { name: 'Bệnh viện Đa khoa trung tâm tỉnh' } });

    const resolved = await eventually('the first notification resolved', async () => {
      const { items } = await json<{ items: NotificationView[] }>(await flow.call(approver, 'GET', '/api/v1/notifications'), 200);
      return items.find((item) => item.stepId === firstStep.stepId && item.resolvedAt !== null);
    });
    expect(resolved.proposalId).toBe(submitted.id);

    for (const [name, app] of apps) {
      const ready = await fetch(`${app.url}/health/ready`);
      expect({ name, status: ready.status }).toEqual({ name, status: 200 });
    }
    const projector = await json<{ checks: { projections: { lag: { lag: number }[] } } }>(await fetch(`${(apps.get('projector') as ApiProcess).url}/health/ready`), 200);
    expect(projector.checks.projections.lag.length).toBeGreaterThan(3);
  });
});
