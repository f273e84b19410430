import { type EventStore, PostgresEventStore } from '@reorg/event-store';
import { createThrowawaySchema, type ThrowawayPostgres, waitFor } from '@reorg/testing';
import { appendApprovedProposal, decisionFor, establish, proposalEventTypes, registerHealthDepartment } from '../../integration/approval/approved-proposal';
import { TEST_DEV_SECRET } from '../support/test-app';
import { ApiProcess } from './api-process';

describe('distributed mode: the api with APPROVAL_RUNTIME=off and apps/approval on one PostgreSQL', () => {
  let schema: ThrowawayPostgres;
  let store: EventStore;
  const processes: ApiProcess[] = [];

  beforeAll(async () => {
    schema = await createThrowawaySchema('distributed');
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill()));
    await store?.close();
    await schema?.drop();
  });

  it('leaves execution to the approval service, which executes the due proposal and reports ready', async () => {
    const env = { EVENT_STORE: 'postgres', DATABASE_URL: schema.connectionString, DATABASE_SCHEMA: schema.name, DEV_TOKEN_SECRET: TEST_DEV_SECRET, APPROVAL_TICK_SECONDS: '1', CLOCK_FIXED_AT: '2025-07-01T03:00:00Z' };
    processes.push(await ApiProcess.start({ ...env, APPROVAL_RUNTIME: 'off' }));
    store = await PostgresEventStore.connect({ connectionString: schema.connectionString, schema: schema.name });
    const bodyId = await registerHealthDepartment(store);
    const proposalId = await appendApprovedProposal(store, { bodyId, operations: [establish(bodyId, 'CDC-D')], decision: decisionFor('2025-07-01') });
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await proposalEventTypes(store, proposalId)).at(-1)).toBe('ProposalApproved');

    const approval = await ApiProcess.start(env, 'apps/approval/src/main.ts');
    processes.push(approval);
    await waitFor('execution by apps/approval', async () => (await proposalEventTypes(store, proposalId)).at(-1) === 'ProposalExecuted').catch((error: Error) => {
      throw new Error(`${error.message}:\n${approval.logs}`);
    });
    const ready = await fetch(`${approval.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', checks: { eventStore: { status: 'up' }, schedule: { status: 'up' }, scheduler: { status: 'up', today: '2025-07-01' } } });
    expect(await (await fetch(`${approval.url}/health`)).json()).toEqual({ status: 'ok' });
  });
});
