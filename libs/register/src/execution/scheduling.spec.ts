import type { Operation } from '@reorg/domain';
import type { ApprovalEvent } from './approval-events';
import { foldProgress } from './proposal-progress';
import { decideExecution, overdueSteps } from './scheduling';

const P = 'p-1';
const decision = { number: '12/QĐ-UBND', date: '2025-06-20', effectiveDate: '2025-07-01', signer: 'Chủ tịch', issuer: 'UBND tỉnh' };
const operations = [{ type: 'RENAME', unitId: 'u-1', newName: 'Trung tâm mới' }] as unknown as Operation[];

const drafted: ApprovalEvent = { type: 'ProposalDrafted', data: { proposalId: P, operations } };
const submitted = (round: number, ids: string[], firstDue = '2025-06-10'): ApprovalEvent => ({
  type: 'ProposalSubmitted',
  data: { proposalId: P, round, steps: ids.map((stepId, i) => ({ stepId, name: stepId, role: 'doha_appraiser', deadlineWorkingDays: 5, ...(i === 0 ? { dueDate: firstDue } : {}) })) },
});
const approvedStep = (stepId: string, next?: { id: string; due: string }): ApprovalEvent => ({
  type: 'StepApproved',
  data: { proposalId: P, round: 1, stepId, ...(next ? { nextStepId: next.id, nextStepDueDate: next.due } : {}) },
});
const approved: ApprovalEvent = { type: 'ProposalApproved', data: { proposalId: P, round: 1, decision } };
const overdue = (stepId: string, dueDate: string): ApprovalEvent => ({ type: 'StepOverdue', data: { proposalId: P, round: 1, stepId, dueDate, detectedAt: '2025-06-11T01:00:00Z' } });

describe('decideExecution', () => {
  const approvedProposal = [drafted, submitted(1, ['s1', 's2']), approvedStep('s1', { id: 's2', due: '2025-06-17' }), approvedStep('s2'), approved];

  it('executes an approved proposal on its effective date and after it, with its decision and operations', () => {
    for (const today of ['2025-07-01', '2025-07-02', '2026-01-01']) {
      expect(decideExecution(foldProgress(approvedProposal), today)).toEqual({ action: 'execute', decision, operations });
    }
  });

  it('waits before the effective date', () => {
    expect(decideExecution(foldProgress(approvedProposal), '2025-06-30')).toEqual({ action: 'wait', until: '2025-07-01' });
  });

  it('does nothing once executed or failed, and nothing before approval', () => {
    const executed: ApprovalEvent = { type: 'ProposalExecuted', data: { proposalId: P, executedAt: 'x', decisionKey: 'k', createdUnits: [] } };
    const failed: ApprovalEvent = { type: 'ProposalExecutionFailed', data: { proposalId: P, failedAt: 'x', errors: [] } };
    expect(decideExecution(foldProgress([...approvedProposal, executed]), '2025-07-05')).toEqual({ action: 'nothing', status: 'EXECUTED' });
    expect(decideExecution(foldProgress([...approvedProposal, failed]), '2025-07-05')).toEqual({ action: 'nothing', status: 'EXECUTION_FAILED' });
    expect(decideExecution(foldProgress(approvedProposal.slice(0, 4)), '2025-07-05')).toEqual({ action: 'nothing', status: 'IN_REVIEW' });
    expect(decideExecution(foldProgress([]), '2025-07-05')).toEqual({ action: 'nothing', status: 'NONE' });
  });

  it('executes the operations of the latest amendment', () => {
    const amended = [{ type: 'RENAME', unitId: 'u-1', newName: 'Tên sau khi sửa' }] as typeof operations;
    const events: ApprovalEvent[] = [drafted, { type: 'ProposalAmended', data: { proposalId: P, operations: amended } }, submitted(1, ['s1']), approvedStep('s1'), approved];
    expect(decideExecution(foldProgress(events), '2025-07-01')).toMatchObject({ action: 'execute', operations: amended });
  });
});

describe('overdueSteps', () => {
  it('flags the pending step only after its due date', () => {
    const events = [drafted, submitted(1, ['s1', 's2'], '2025-06-10')];
    expect(overdueSteps(foldProgress(events), '2025-06-10')).toEqual([]);
    expect(overdueSteps(foldProgress(events), '2025-06-11')).toEqual([{ round: 1, stepId: 's1', dueDate: '2025-06-10' }]);
  });

  it('flags a step once: a recorded StepOverdue settles it', () => {
    const events = [drafted, submitted(1, ['s1', 's2'], '2025-06-10'), overdue('s1', '2025-06-10')];
    expect(overdueSteps(foldProgress(events), '2025-06-20')).toEqual([]);
  });

  it('follows the chain: the next step with its own due date', () => {
    const events = [drafted, submitted(1, ['s1', 's2'], '2025-06-10'), overdue('s1', '2025-06-10'), approvedStep('s1', { id: 's2', due: '2025-06-18' })];
    expect(overdueSteps(foldProgress(events), '2025-06-18')).toEqual([]);
    expect(overdueSteps(foldProgress(events), '2025-06-19')).toEqual([{ round: 1, stepId: 's2', dueDate: '2025-06-18' }]);
  });

  it('never flags steps of a returned, rejected, withdrawn or approved proposal', () => {
    const base = [drafted, submitted(1, ['s1', 's2'], '2025-06-10')];
    const ends: ApprovalEvent[] = [
      { type: 'ProposalReturned', data: { proposalId: P, round: 1, stepId: 's1', cancelledStepIds: ['s2'] } },
      { type: 'ProposalRejected', data: { proposalId: P, round: 1, stepId: 's1', cancelledStepIds: ['s2'] } },
      { type: 'ProposalWithdrawn', data: { proposalId: P, cancelledStepIds: ['s1', 's2'] } },
    ];
    for (const end of ends) expect(overdueSteps(foldProgress([...base, end]), '2025-12-31')).toEqual([]);
    expect(overdueSteps(foldProgress([...base, approvedStep('s1', { id: 's2', due: '2025-06-12' }), approvedStep('s2'), approved]), '2025-12-31')).toEqual([]);
  });

  it('starts afresh with the steps of a new round', () => {
    const events = [
      drafted,
      submitted(1, ['s1'], '2025-06-10'),
      { type: 'ProposalReturned', data: { proposalId: P, round: 1, stepId: 's1', cancelledStepIds: [] } } as ApprovalEvent,
      submitted(2, ['r2-s1'], '2025-06-25'),
    ];
    expect(overdueSteps(foldProgress(events), '2025-06-26')).toEqual([{ round: 2, stepId: 'r2-s1', dueDate: '2025-06-25' }]);
  });
});
