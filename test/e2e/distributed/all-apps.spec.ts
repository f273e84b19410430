import { type CloudEvent, UNITS_TOPIC, createKafka, parseCloudEvent } from '@reorg/messaging';
import type { NotificationView } from '@reorg/messaging';
import { PATIENCE_MS, type ThrowawayPostgres, createThrowawaySchema, requireKafka, uniqueName } from '@reorg/testing';
import { logLevel } from 'kafkajs';
import { ApiProcess } from '../execution/api-process';
import { ApprovalFlow, json } from '../execution/approval-flow';
import { distributedEnv, logsOf, spawnTogether } from './five-apps';
import { ConsistencyProbe } from './consistency-probe';

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
    schema = await createThrowawaySchema('all_apps');
    // Together, in a random order: each waits for what it needs (README, distributed mode).
    const { order, apps: started } = await spawnTogether(distributedEnv({ url: schema.connectionString, schema: schema.name }), 1_000);
    for (const [name, app] of started) apps.set(name, app);
    const ready = await Promise.allSettled([...started.values()].map((app) => app.ready(120_000)));
    if (ready.some((outcome) => outcome.status === 'rejected')) throw new Error(`started in the order ${order.join(', ')}, not all became ready\n${logsOf(apps)}`);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...apps.values()].map((app) => app.kill()));
    await schema?.drop();
  });

  const logs = (): string => logsOf(apps);

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

  it('50 times: once a proposal reads EXECUTED, the structure it changed is never behind it (consolidation of two units)', async () => {
    const probe = new ConsistencyProbe((apps.get('api') as ApiProcess).url);
    const violations = await probe.consolidations(50, 5);
    expect({ violations: violations.slice(0, 5), count: violations.length }).toEqual({ violations: [], count: 0 });
  }, 600_000);

  it('50 times: once a governing body reads abolished, its units are never found under it', async () => {
    const probe = new ConsistencyProbe((apps.get('api') as ApiProcess).url);
    const violations = await probe.abolitions(50, 5);
    expect({ violations: violations.slice(0, 5), count: violations.length }).toEqual({ violations: [], count: 0 });
  }, 600_000);

  it('answers carry X-Read-Position, and a read given a minimum position answers at it or later', async () => {
    const api = (apps.get('api') as ApiProcess).url;
    const flow = new ApprovalFlow(api);
    const admin = await flow.token('admin-1', ['admin']);
    const first = await flow.call(admin, 'GET', '/api/v1/governing-bodies');
    const position = Number(first.headers.get('x-read-position'));
    expect(position).toBeGreaterThan(0);
    const later = await fetch(`${api}/api/v1/units?minPosition=${position}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(later.status).toBe(200);
    expect(Number(later.headers.get('x-read-position'))).toBeGreaterThanOrEqual(position);
  });
});
