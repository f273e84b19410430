import type { IsoDate, Operation } from '@reorg/domain';
import type { ApprovedDecision } from './approval-events';
import type { ProposalProgress } from './proposal-progress';

export type ExecutionDecision =
  | { action: 'execute'; decision: ApprovedDecision; operations: Operation[] }
  | { action: 'wait'; until: IsoDate }
  | { action: 'nothing'; status: ProposalProgress['status'] };

/** An approved proposal executes once its effective date has come in the province (today or past). */
export function decideExecution(progress: ProposalProgress, today: IsoDate): ExecutionDecision {
  if (progress.status !== 'APPROVED' || !progress.decision) return { action: 'nothing', status: progress.status };
  if (progress.decision.effectiveDate > today) return { action: 'wait', until: progress.decision.effectiveDate };
  return { action: 'execute', decision: progress.decision, operations: progress.operations };
}

export interface OverdueStep {
  round: number;
  stepId: string;
  dueDate: IsoDate;
}

/** Pending steps whose due date has passed (the due date itself is still in time) and that are not flagged yet. */
export function overdueSteps(progress: ProposalProgress, today: IsoDate): OverdueStep[] {
  if (progress.status !== 'IN_REVIEW') return [];
  return progress.steps.flatMap((step) =>
    step.status === 'PENDING' && !step.overdue && step.dueDate !== undefined && step.dueDate < today ? [{ round: progress.round, stepId: step.stepId, dueDate: step.dueDate }] : [],
  );
}
