import { waitFor } from '@reorg/testing';
import { type RunningApp, startTestApp } from '../support/test-app';
import { ApprovalFlow, type ProposalBody, json } from './approval-flow';

describe('a final approval effective today or earlier executes at once (real HTTP)', () => {
  let running: RunningApp;
  let flow: ApprovalFlow;
  let seed: { bodyId: string; unitId: string };

  beforeAll(async () => {
    // A tick only every hour: an execution seen within the test's wait comes from the approval itself, not the ticker.
    running = await startTestApp({ CLOCK_FIXED_AT: '2025-07-01T03:00:00Z', APPROVAL_TICK_SECONDS: '3600' });
    flow = new ApprovalFlow(running.url);
    seed = await flow.seed();
  });

  afterAll(async () => {
    await running.close();
  });

  it.each([
    ['a past date', '2025-06-15', 'Bệnh viện Đa khoa tỉnh Phú Yên'],
    ['today', '2025-07-01', 'Bệnh viện Đa khoa trung tâm tỉnh'],
  ])('reads EXECUTED without waiting for a tick when the effective date is %s', async (_label, effectiveDate, newName) => {
    const submitted = await flow.submitRename(seed, effectiveDate, newName);
    const approved = await flow.approveAll(submitted, { number: `${effectiveDate}/QĐ-UBND`, date: effectiveDate, effectiveDate });
    expect(approved.status).toBe('APPROVED');
    const auditor = await flow.token('auditor-1', ['auditor']);
    let shown: ProposalBody | undefined;
    await waitFor('the proposal to read EXECUTED', async () => {
      shown = await json<ProposalBody>(await flow.call(auditor, 'GET', `/api/v1/proposals/${approved.id}`), 200);
      return shown.status === 'EXECUTED';
    }).catch(() => undefined);
    expect(shown?.status).toBe('EXECUTED');
  });
});
