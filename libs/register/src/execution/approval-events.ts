import type { IsoDate, Operation } from '@reorg/domain';

/**
 * The events of docs/approval-contract.md that the executor reads or writes, as far as it needs
 * them. Every event lives in the proposal's stream.
 */
export interface ApprovedDecision {
  number: string;
  date: IsoDate;
  effectiveDate: IsoDate;
  signer: string;
  issuer: string;
}

export interface ExecutionError {
  code: string;
  detail: string;
  path?: string;
  operationIndex?: number;
}

export interface SubmittedStep {
  stepId: string;
  name: string;
  role: string;
  deadlineWorkingDays: number;
  dueDate?: IsoDate;
}

export type ApprovalEvent =
  | { type: 'ProposalDrafted' | 'ProposalAmended'; data: { proposalId: string; operations: Operation[] } }
  | { type: 'ProposalSubmitted'; data: { proposalId: string; round: number; steps: SubmittedStep[] } }
  | { type: 'StepApproved'; data: { proposalId: string; round: number; stepId: string; nextStepId?: string; nextStepDueDate?: IsoDate } }
  | { type: 'ProposalApproved'; data: { proposalId: string; round: number; decision: ApprovedDecision } }
  | { type: 'ProposalReturned' | 'ProposalRejected'; data: { proposalId: string; round: number; stepId: string; cancelledStepIds: string[] } }
  | { type: 'ProposalWithdrawn'; data: { proposalId: string; cancelledStepIds?: string[] } }
  | { type: 'StepOverdue'; data: StepOverdueData }
  | { type: 'ProposalExecuted'; data: ProposalExecutedData }
  | { type: 'ProposalExecutionFailed'; data: ProposalExecutionFailedData };

export interface StepOverdueData {
  proposalId: string;
  round: number;
  stepId: string;
  dueDate: IsoDate;
  detectedAt: string;
}

export interface ProposalExecutedData {
  proposalId: string;
  executedAt: string;
  decisionKey: string;
  createdUnits: { code: string; unitId: string }[];
}

export interface ProposalExecutionFailedData {
  proposalId: string;
  failedAt: string;
  errors: ExecutionError[];
}

export const APPROVAL_EVENT_TYPES: readonly ApprovalEvent['type'][] = [
  'ProposalDrafted',
  'ProposalAmended',
  'ProposalSubmitted',
  'StepApproved',
  'ProposalApproved',
  'ProposalReturned',
  'ProposalRejected',
  'ProposalWithdrawn',
  'StepOverdue',
  'ProposalExecuted',
  'ProposalExecutionFailed',
];
