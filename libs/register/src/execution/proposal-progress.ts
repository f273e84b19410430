import type { IsoDate, Operation } from '@reorg/domain';
import type { ApprovalEvent, ApprovedDecision } from './approval-events';

export type ProgressStatus = 'NONE' | 'DRAFT' | 'IN_REVIEW' | 'RETURNED' | 'REJECTED' | 'WITHDRAWN' | 'APPROVED' | 'EXECUTED' | 'EXECUTION_FAILED';

export interface StepProgress {
  stepId: string;
  status: 'WAITING' | 'PENDING' | 'DECIDED' | 'CANCELLED';
  dueDate?: IsoDate;
  overdue: boolean;
}

/** What the executor needs to know about a proposal: where it stands, what it decides, which steps wait. */
export interface ProposalProgress {
  status: ProgressStatus;
  round: number;
  operations: Operation[];
  decision?: ApprovedDecision;
  /** The steps of the current round, in chain order. */
  steps: StepProgress[];
}

export const initialProgress: ProposalProgress = { status: 'NONE', round: 0, operations: [], steps: [] };

const withStep = (state: ProposalProgress, stepId: string, change: Partial<StepProgress>): StepProgress[] =>
  state.steps.map((step) => (step.stepId === stepId ? { ...step, ...change } : step));

const cancelling = (steps: StepProgress[], stepIds: readonly string[]): StepProgress[] =>
  steps.map((step) => (stepIds.includes(step.stepId) || step.status === 'WAITING' || step.status === 'PENDING' ? { ...step, status: 'CANCELLED' } : step));

/** Folds the proposal stream's events (docs/approval-contract.md); events of no interest change nothing. */
export function evolveProgress(state: ProposalProgress, event: ApprovalEvent): ProposalProgress {
  switch (event.type) {
    case 'ProposalDrafted':
      return { ...state, status: 'DRAFT', operations: event.data.operations };
    case 'ProposalAmended':
      return { ...state, operations: event.data.operations };
    case 'ProposalSubmitted':
      return {
        ...state,
        status: 'IN_REVIEW',
        round: event.data.round,
        decision: undefined,
        steps: event.data.steps.map((step, index) => ({
          stepId: step.stepId,
          status: index === 0 ? 'PENDING' : 'WAITING',
          ...(index === 0 && step.dueDate ? { dueDate: step.dueDate } : {}),
          overdue: false,
        })),
      };
    case 'StepApproved': {
      const steps = withStep(state, event.data.stepId, { status: 'DECIDED' });
      const { nextStepId, nextStepDueDate } = event.data;
      if (!nextStepId) return { ...state, steps };
      return { ...state, steps: steps.map((step) => (step.stepId === nextStepId ? { ...step, status: 'PENDING', ...(nextStepDueDate ? { dueDate: nextStepDueDate } : {}) } : step)) };
    }
    case 'ProposalApproved':
      return { ...state, status: 'APPROVED', decision: event.data.decision };
    case 'ProposalReturned':
    case 'ProposalRejected':
      return {
        ...state,
        status: event.type === 'ProposalReturned' ? 'RETURNED' : 'REJECTED',
        steps: cancelling(withStep(state, event.data.stepId, { status: 'DECIDED' }), event.data.cancelledStepIds),
      };
    case 'ProposalWithdrawn':
      return { ...state, status: 'WITHDRAWN', steps: cancelling(state.steps, event.data.cancelledStepIds ?? []) };
    case 'StepOverdue':
      return { ...state, steps: withStep(state, event.data.stepId, { overdue: true }) };
    case 'ProposalExecuted':
      return { ...state, status: 'EXECUTED' };
    case 'ProposalExecutionFailed':
      return { ...state, status: 'EXECUTION_FAILED' };
    default:
      return state;
  }
}

export function foldProgress(events: readonly { type: string; data: unknown }[]): ProposalProgress {
  return events.reduce((state, event) => evolveProgress(state, event as ApprovalEvent), initialProgress);
}
