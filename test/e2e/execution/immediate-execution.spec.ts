import { type RunningApp, startTestApp } from '../support/test-app';
import { ApprovalFlow, type ProposalBody, json } from './approval-flow';

describe('a final approval effective today or earlier executes at once (real HTTP)', () => {
  let running: RunningApp;
  let flow: ApprovalFlow;
  let seed: { bodyId: string; unitId: string };

  beforeAll(async () => {
    // A tick only every minute: execution within 2 s must come from the approval itself, not the ticker.
    running = await startTestApp({ CLOCK_FIXED_AT: '2025-07-01T03:00:00Z', APPROVAL_TICK_SECONDS: '60' });
    flow = new ApprovalFlow(running.url);
    seed = await flow.seed();
  });

  afterAll(async () => {
    await running.close();
  });

  it.each([
    ['a past date', '2025-06-15', 'Bệnh viện Đa khoa tỉnh Phú Yên'],
    ['today', '2025-07-01', 'Bệnh viện Đa khoa trung tâm tỉnh'],
  ])('reads EXECUTED within 2 s when the effective date is %s', async (_label, effectiveDate, newName) => {
    const submitted = await flow.submitRename(seed, effectiveDate, newName);
    const approved = await flow.approveAll(submitted, { number: `${effectiveDate}/QĐ-UBND`, date: effectiveDate, effectiveDate });
    const approvedAt = Date.now();
    expect(approved.status).toBe('APPROVED');
    const auditor = await flow.token('auditor-1', ['auditor']);
    let shown: ProposalBody;
    do {
      shown = await json<ProposalBody>(await flow.call(auditor, 'GET', `/api/v1/proposals/${approved.id}`), 200);
      if (shown.status === 'EXECUTED') break;
      await new Promise((r) => setTimeout(r, 50));
    } while (Date.now() - approvedAt < 2_000);
    expect(shown.status).toBe('EXECUTED');
  });
});
