import type { Operation } from '../register/operations';
import type { IsoDate } from '../shared/calendar';
import type { ExistingProposal, ProposalCommand, ProposalState } from '../proposals/proposal';
import type { DecisionOfProposal } from './review-round';

/** What the process does with a proposal's final decision on a given day. */
export type ExecutionStep =
  | { action: 'execute'; decision: DecisionOfProposal; operations: Operation[] }
  | { action: 'wait'; until: IsoDate }
  | { action: 'nothing'; status: ProposalState['status'] };

/** An approved proposal executes once its effective date has come in the province (today or past), exactly once. */
export function nextExecution(proposal: ProposalState, today: IsoDate): ExecutionStep {
  if (proposal.status !== 'APPROVED') return { action: 'nothing', status: proposal.status };
  if (proposal.decision.effectiveDate > today) return { action: 'wait', until: proposal.decision.effectiveDate };
  return { action: 'execute', decision: proposal.decision, operations: proposal.content.operations };
}

export interface OverdueStep {
  round: number;
  stepId: string;
  dueDate: IsoDate;
}

/** Pending steps whose due date has passed (the due date itself is still in time) and that are not flagged yet. */
export function overdueSteps(proposal: ProposalState, today: IsoDate): OverdueStep[] {
  if (proposal.status !== 'IN_REVIEW') return [];
  const round = proposal.rounds.at(-1);
  if (!round) return [];
  return round.steps.flatMap((step) =>
    step.status === 'PENDING' && !step.overdueSince && step.dueDate !== undefined && step.dueDate < today ? [{ round: round.round, stepId: step.stepId, dueDate: step.dueDate }] : [],
  );
}

/** A tick of the process: the province's date and the instant the commands it issues happen. */
export interface ProcessTick {
  today: IsoDate;
  at: string;
}

/** The process's commands: the register's side of an execution, then the proposal's own. */
export type ApprovalProcessCommand =
  | { type: 'ExecuteDecision'; data: { proposalId: string; decision: DecisionOfProposal; operations: Operation[] } }
  | Extract<ProposalCommand, { type: 'MarkStepOverdue' }>;

/**
 * The approval process (schedule, execute on the effective date, flag overdue steps) as a pure
 * workflow: from a proposal's events, folded, and the day, the commands to issue. It keeps no state
 * of its own: what it did is in the proposal's stream (StepOverdue, ProposalExecuted …), so the same
 * tick after a restart issues nothing twice.
 */
export function approvalProcess(proposal: ProposalState, tick: ProcessTick): ApprovalProcessCommand[] {
  if (proposal.status === 'NONE') return [];
  const { proposalId } = proposal as ExistingProposal;
  const next = nextExecution(proposal, tick.today);
  if (next.action === 'execute') return [{ type: 'ExecuteDecision', data: { proposalId, decision: next.decision, operations: next.operations } }];
  return overdueSteps(proposal, tick.today).map(({ stepId }) => ({ type: 'MarkStepOverdue', data: { proposalId, stepId, at: tick.at, today: tick.today } }));
}
