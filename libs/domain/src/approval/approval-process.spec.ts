import type { Operation } from '../register/operations';
import { fold } from '../proposals/decider';
import type { ProposalEvent } from '../proposals/proposal';
import { evolveProposal, initialProposalState } from '../proposals/proposal-evolve';
import { type ProcessTick, approvalProcess, nextExecution, overdueSteps } from './approval-process';

const P = 'p-1';
const decision = { number: '12/QĐ-UBND', date: '2025-06-20', effectiveDate: '2025-07-01', signer: 'Chủ tịch', issuer: 'UBND tỉnh' };
const operations: Operation[] = [{ type: 'RENAME', unitId: 'u-1', newName: 'Trung tâm mới' }];
const AT = '2025-06-01T02:00:00.000Z';
const dossier = { dossierVersion: 1, dossierHash: 'a'.repeat(64) };
const signOff = (stepId: string, round = 1) => ({ proposalId: P, round, stepId, decidedBy: 'x', role: 'doha_appraiser', decidedAt: AT, ...dossier });

const drafted = (ops = operations): ProposalEvent => ({
  type: 'ProposalDrafted',
  data: { proposalId: P, proposedBy: 'p', draftedAt: AT, title: 't', rationale: 'r', governingBodyId: 'b', proposedEffectiveDate: '2025-07-01', operations: ops, ...dossier },
});
const amended = (ops: Operation[]): ProposalEvent => ({
  type: 'ProposalAmended',
  data: { proposalId: P, amendedBy: 'p', amendedAt: AT, title: 't', rationale: 'r', governingBodyId: 'b', proposedEffectiveDate: '2025-07-01', operations: ops, ...dossier, dossierVersion: 2 },
});
const submitted = (round: number, ids: string[], firstDue = '2025-06-10'): ProposalEvent => ({
  type: 'ProposalSubmitted',
  data: {
    proposalId: P,
    round,
    submittedBy: 'p',
    submittedAt: AT,
    ...dossier,
    policy: { id: 'default', version: 1 },
    chain: 'GOVERNMENT',
    decisionIssuer: 'UBND tỉnh',
    steps: ids.map((stepId, i) => ({ stepId, name: stepId, role: 'doha_appraiser', deadlineWorkingDays: 5, ...(i === 0 ? { dueDate: firstDue } : {}) })),
  },
});
const approvedStep = (stepId: string, next?: { id: string; due: string }): ProposalEvent => ({
  type: 'StepApproved',
  data: { ...signOff(stepId), ...(next ? { nextStepId: next.id, nextStepDueDate: next.due } : {}) },
});
const approved: ProposalEvent = { type: 'ProposalApproved', data: { proposalId: P, round: 1, approvedBy: 'x', approvedAt: AT, ...dossier, decision } };
const overdue = (stepId: string, dueDate: string): ProposalEvent => ({ type: 'StepOverdue', data: { proposalId: P, round: 1, stepId, dueDate, detectedAt: '2025-06-11T01:00:00Z' } });
const returned = (stepId: string, cancelledStepIds: string[]): ProposalEvent => ({ type: 'ProposalReturned', data: { ...signOff(stepId), comment: 'c', cancelledStepIds } });
const rejected = (stepId: string, cancelledStepIds: string[]): ProposalEvent => ({ type: 'ProposalRejected', data: { ...signOff(stepId), comment: 'c', cancelledStepIds } });
const withdrawn = (cancelledStepIds: string[]): ProposalEvent => ({
  type: 'ProposalWithdrawn',
  data: { proposalId: P, reason: 'r', withdrawnBy: 'p', withdrawnAt: AT, fromStatus: 'IN_REVIEW', cancelledStepIds },
});
const executed: ProposalEvent = { type: 'ProposalExecuted', data: { proposalId: P, executedAt: 'x', decisionKey: 'k', createdUnits: [] } };
const failed: ProposalEvent = { type: 'ProposalExecutionFailed', data: { proposalId: P, failedAt: 'x', errors: [] } };

const folded = (events: ProposalEvent[]) => fold({ initialState: initialProposalState, evolve: evolveProposal }, events);
/** given(proposal events) → when(the day's tick) → then the commands the process issues. */
const given = (...events: ProposalEvent[]) => ({ when: (tick: ProcessTick) => approvalProcess(folded(events), tick) });
const tick = (today: string): ProcessTick => ({ today, at: `${today}T01:00:00.000Z` });

const approvedProposal = [drafted(), submitted(1, ['s1', 's2']), approvedStep('s1', { id: 's2', due: '2025-06-17' }), approvedStep('s2'), approved];

describe('the approval process', () => {
  it('executes an approved proposal on its effective date and after it, with its decision and operations', () => {
    for (const today of ['2025-07-01', '2025-07-02', '2026-01-01']) {
      expect(given(...approvedProposal).when(tick(today))).toEqual([{ type: 'ExecuteDecision', data: { proposalId: P, decision, operations } }]);
    }
  });

  it('issues nothing before the effective date, after execution or failure, or before approval', () => {
    expect(given(...approvedProposal).when(tick('2025-06-30'))).toEqual([]);
    expect(given(...approvedProposal, executed).when(tick('2025-07-05'))).toEqual([]);
    expect(given(...approvedProposal, failed).when(tick('2025-07-05'))).toEqual([]);
    expect(given().when(tick('2025-07-05'))).toEqual([]);
  });

  it('flags each pending step past its due date once, with the tick’s instant', () => {
    expect(given(drafted(), submitted(1, ['s1', 's2'], '2025-06-10')).when(tick('2025-06-11'))).toEqual([
      { type: 'MarkStepOverdue', data: { proposalId: P, stepId: 's1', at: '2025-06-11T01:00:00.000Z', today: '2025-06-11' } },
    ]);
    expect(given(drafted(), submitted(1, ['s1', 's2'], '2025-06-10'), overdue('s1', '2025-06-10')).when(tick('2025-06-20'))).toEqual([]);
  });
});

describe('nextExecution', () => {
  it('executes an approved proposal on its effective date and after it, with its decision and operations', () => {
    for (const today of ['2025-07-01', '2025-07-02', '2026-01-01']) {
      expect(nextExecution(folded(approvedProposal), today)).toEqual({ action: 'execute', decision, operations });
    }
  });

  it('waits before the effective date', () => {
    expect(nextExecution(folded(approvedProposal), '2025-06-30')).toEqual({ action: 'wait', until: '2025-07-01' });
  });

  it('does nothing once executed or failed, and nothing before approval', () => {
    expect(nextExecution(folded([...approvedProposal, executed]), '2025-07-05')).toEqual({ action: 'nothing', status: 'EXECUTED' });
    expect(nextExecution(folded([...approvedProposal, failed]), '2025-07-05')).toEqual({ action: 'nothing', status: 'EXECUTION_FAILED' });
    expect(nextExecution(folded(approvedProposal.slice(0, 4)), '2025-07-05')).toEqual({ action: 'nothing', status: 'IN_REVIEW' });
    expect(nextExecution(folded([]), '2025-07-05')).toEqual({ action: 'nothing', status: 'NONE' });
  });

  it('executes the operations of the latest amendment', () => {
    const newer: Operation[] = [{ type: 'RENAME', unitId: 'u-1', newName: 'Tên sau khi sửa' }];
    const events = [drafted(), amended(newer), submitted(1, ['s1']), approvedStep('s1'), approved];
    expect(nextExecution(folded(events), '2025-07-01')).toMatchObject({ action: 'execute', operations: newer });
  });
});

describe('overdueSteps', () => {
  it('flags the pending step only after its due date', () => {
    const events = [drafted(), submitted(1, ['s1', 's2'], '2025-06-10')];
    expect(overdueSteps(folded(events), '2025-06-10')).toEqual([]);
    expect(overdueSteps(folded(events), '2025-06-11')).toEqual([{ round: 1, stepId: 's1', dueDate: '2025-06-10' }]);
  });

  it('flags a step once: a recorded StepOverdue settles it', () => {
    const events = [drafted(), submitted(1, ['s1', 's2'], '2025-06-10'), overdue('s1', '2025-06-10')];
    expect(overdueSteps(folded(events), '2025-06-20')).toEqual([]);
  });

  it('follows the chain: the next step with its own due date', () => {
    const events = [drafted(), submitted(1, ['s1', 's2'], '2025-06-10'), overdue('s1', '2025-06-10'), approvedStep('s1', { id: 's2', due: '2025-06-18' })];
    expect(overdueSteps(folded(events), '2025-06-18')).toEqual([]);
    expect(overdueSteps(folded(events), '2025-06-19')).toEqual([{ round: 1, stepId: 's2', dueDate: '2025-06-18' }]);
  });

  it('never flags steps of a returned, rejected, withdrawn or approved proposal', () => {
    const base = [drafted(), submitted(1, ['s1', 's2'], '2025-06-10')];
    for (const end of [returned('s1', ['s2']), rejected('s1', ['s2']), withdrawn(['s1', 's2'])]) expect(overdueSteps(folded([...base, end]), '2025-12-31')).toEqual([]);
    expect(overdueSteps(folded([...base, approvedStep('s1', { id: 's2', due: '2025-06-12' }), approvedStep('s2'), approved]), '2025-12-31')).toEqual([]);
  });

  it('starts afresh with the steps of a new round', () => {
    const events = [drafted(), submitted(1, ['s1'], '2025-06-10'), returned('s1', []), submitted(2, ['r2-s1'], '2025-06-25')];
    expect(overdueSteps(folded(events), '2025-06-26')).toEqual([{ round: 2, stepId: 'r2-s1', dueDate: '2025-06-25' }]);
  });
});
