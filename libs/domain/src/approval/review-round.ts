import type { IsoDate } from '../shared/calendar';
import type { ApproverRole } from './approval-policy';

export const STEP_STATUSES = ['WAITING', 'PENDING', 'APPROVED', 'RETURNED', 'REJECTED', 'CANCELLED'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const STEP_OUTCOMES = ['APPROVE', 'RETURN', 'REJECT'] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];

/** A step as frozen at submission (event ProposalSubmitted). Only the first has a due date then. */
export interface FrozenStep {
  stepId: string;
  name: string;
  role: ApproverRole;
  deadlineWorkingDays: number;
  dueDate?: IsoDate;
}

/** A step of a round as it stands: the sign-off binds the dossier version and hash it approved. */
export interface ReviewStep extends FrozenStep {
  status: StepStatus;
  decidedBy?: string;
  /** The role the approver acted in. */
  decidedRole?: string;
  decidedAt?: string;
  comment?: string;
  dossierVersion?: number;
  dossierHash?: string;
  /** Set by StepOverdue (at most once per step). */
  overdueSince?: string;
}

/** One submission: its frozen chain and what became of each step. A resubmission opens a new round. */
export interface ReviewRound {
  round: number;
  submittedBy: string;
  submittedAt: string;
  dossierVersion: number;
  dossierHash: string;
  policy: { id: string; version: number };
  chain?: string;
  decisionIssuer?: string;
  steps: ReviewStep[];
}

/** The decision that the final approval carries (docs/domain.md#approval-chains: number, date, effective date, signer, issuer). */
export interface DecisionOfProposal {
  number: string;
  date: IsoDate;
  effectiveDate: IsoDate;
  signer: string;
  issuer: string;
}

/** Who signs: the token's subject and roles, and the governing bodies a body-scoped role acts for. */
export interface Approver {
  id: string;
  roles: readonly string[];
  governingBodyIds?: readonly string[];
}

/** The steps that are still open (waiting or pending) and become CANCELLED when the round ends early. */
export function openStepIds(round: ReviewRound | undefined): string[] {
  return (round?.steps ?? []).filter((s) => s.status === 'WAITING' || s.status === 'PENDING').map((s) => s.stepId);
}
