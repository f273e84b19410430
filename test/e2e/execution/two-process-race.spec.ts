import { type ThrowawayPostgres, createThrowawaySchema } from '@reorg/testing';
import { TEST_DEV_SECRET } from '../support/test-app';
import { ApiProcess } from './api-process';
import { ApprovalFlow, type ProposalBody, json } from './approval-flow';

describe('two api processes sharing PostgreSQL: 20 leaders approve one step at once', () => {
  let schema: ThrowawayPostgres;
  const apis: ApiProcess[] = [];

  beforeAll(async () => {
    schema = await createThrowawaySchema('race');
    const env = { EVENT_STORE: 'postgres', DATABASE_URL: schema.connectionString, DATABASE_SCHEMA: schema.name, DEV_TOKEN_SECRET: TEST_DEV_SECRET, CLOCK_FIXED_AT: '2024-03-01T03:00:00Z' };
    // One after the other: the first start creates the tables.
    apis.push(await ApiProcess.start(env));
    apis.push(await ApiProcess.start(env));
  });

  afterAll(async () => {
    await Promise.all(apis.map((api) => api.kill()));
    await schema?.drop();
  });

  it('answers exactly one 200 and nineteen 409 STEP_NOT_PENDING, and records one sign-off', async () => {
    const [a, b] = apis.map((api) => new ApprovalFlow(api.url));
    const submitted = await a.submitRename(await a.seed(), '2024-04-01');
    const first = submitted.steps[0];
    expect({ status: submitted.status, role: first.role, stepStatus: first.status }).toEqual({ status: 'IN_REVIEW', role: 'doha_appraiser', stepStatus: 'PENDING' });

    // Leaders 1, 3, 5 … go through one process, 2, 4, 6 … through the other.
    const flows = Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a));
    const leaders = await Promise.all(flows.map((flow, i) => flow.token(`doha-leader-${i + 1}`, [first.role])));
    const decision = { outcome: 'APPROVE', comment: 'Đồng ý', dossierVersion: submitted.dossierVersion };
    const responses = await Promise.all(flows.map((flow, i) => flow.call(leaders[i], 'POST', `/api/v1/proposals/${submitted.id}/steps/${first.stepId}/decision`, decision)));
    const answers = await Promise.all(responses.map(async (r) => ({ status: r.status, body: (await r.json()) as { code?: string; steps?: ProposalBody['steps'] } })));

    const winners = answers.filter((answer) => answer.status === 200);
    expect(winners).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 409 && answer.body.code === 'STEP_NOT_PENDING')).toHaveLength(19);
    expect(winners[0].body.steps?.find((step) => step.stepId === first.stepId)?.decidedBy).toMatch(/^doha-leader-\d+$/);
    const admin = await b.token('admin-1', ['admin']);
    const history = await json<{ items: { type: string }[] }>(await b.call(admin, 'GET', `/api/v1/proposals/${submitted.id}/history`), 200);
    expect(history.items.filter((item) => item.type === 'StepApproved')).toHaveLength(1);
  });
});
