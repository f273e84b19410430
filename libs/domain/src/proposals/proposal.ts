import type { IsoDate } from '../shared/calendar';
import type { Operation } from '../register/operations';
import type { Approver, DecisionOfProposal, FrozenStep, ReviewRound, StepOutcome } from '../approval/review-round';

/** Every status of a proposal (docs/domain.md#proposals). */
export const PROPOSAL_STATUSES = ['DRAFT', 'IN_REVIEW', 'RETURNED', 'REJECTED', 'WITHDRAWN', 'APPROVED', 'EXECUTED', 'EXECUTION_FAILED'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Statuses in which the proposer may change the dossier (amend, attach) and submit it. */
export const EDITABLE_STATUSES: readonly ProposalStatus[] = ['DRAFT', 'RETURNED'];
/** Statuses before the final decision: a proposal may be withdrawn from these. */
export const WITHDRAWABLE_STATUSES: readonly ProposalStatus[] = ['DRAFT', 'IN_REVIEW', 'RETURNED'];

/** What the proposer writes: the content that amendments replace as a whole. */
export interface DossierContent {
  title: string;
  rationale: string;
  governingBodyId: string;
  proposedEffectiveDate: IsoDate;
  operations: Operation[];
}

export interface AttachmentFile {
  attachmentId: string;
  name: string;
  mediaType: string;
  size: number;
  /** SHA-256 (hex) of the bytes, computed where the bytes are stored. */
  sha256: string;
}

/** An attachment belongs to the dossier version it was added to. */
export interface Attachment extends AttachmentFile {
  dossierVersion: number;
  addedBy: string;
  addedAt: string;
}

/** Who acts: the token's subject and the governing bodies they may propose for. */
export interface Actor {
  id: string;
  governingBodyIds: readonly string[];
}

interface ProposalBase {
  proposalId: string;
  proposedBy: string;
  createdAt: string;
  updatedAt: string;
  content: DossierContent;
  dossierVersion: number;
  /** SHA-256 over the canonical dossier, attachments' SHA-256s included (see dossier-hash.ts). */
  dossierHash: string;
  attachments: Attachment[];
  /** Every submission, oldest first; the last is the current chain. */
  rounds: ReviewRound[];
}

/** How a step ended a round early (returned or rejected). */
export interface StepVerdict {
  stepId: string;
  by: string;
  role: string;
  at: string;
  comment: string;
}

export interface Approval {
  by: string;
  at: string;
}

export interface ExecutionErrorItem {
  code: string;
  detail: string;
  path?: string;
  operationIndex?: number;
}

export type DraftProposal = ProposalBase & { status: 'DRAFT' };
export type InReviewProposal = ProposalBase & { status: 'IN_REVIEW'; currentStepId: string };
export type ReturnedProposal = ProposalBase & { status: 'RETURNED'; returned: StepVerdict };
export type RejectedProposal = ProposalBase & { status: 'REJECTED'; rejected: StepVerdict };
export type WithdrawnProposal = ProposalBase & {
  status: 'WITHDRAWN';
  withdrawal: { reason: string; by: string; at: string; fromStatus: ProposalStatus };
};
type Decided = ProposalBase & { decision: DecisionOfProposal; approval: Approval };
export type ApprovedProposal = Decided & { status: 'APPROVED' };
export type ExecutedProposal = Decided & { status: 'EXECUTED'; execution: { at: string; decisionKey: string; createdUnits: { code: string; unitId: string }[] } };
export type ExecutionFailedProposal = Decided & { status: 'EXECUTION_FAILED'; failure: { at: string; errors: ExecutionErrorItem[] } };

/** Keyed on status. */
export type ProposalState =
  | { status: 'NONE' }
  | DraftProposal
  | InReviewProposal
  | ReturnedProposal
  | RejectedProposal
  | WithdrawnProposal
  | ApprovedProposal
  | ExecutedProposal
  | ExecutionFailedProposal;
export type ExistingProposal = Exclude<ProposalState, { status: 'NONE' }>;

/** A sign-off as recorded: who, in which role, when, and the dossier version and hash it names. */
interface SignOff {
  proposalId: string;
  round: number;
  stepId: string;
  decidedBy: string;
  role: string;
  decidedAt: string;
  dossierVersion: number;
  dossierHash: string;
}

/** The events of stream `proposal-<id>`; the approval part follows docs/approval-contract.md. */
export type ProposalEvent =
  | {
      type: 'ProposalDrafted';
      data: DossierContent & { proposalId: string; proposedBy: string; dossierVersion: number; dossierHash: string; draftedAt: string };
    }
  | {
      type: 'ProposalAmended';
      data: DossierContent & { proposalId: string; amendedBy: string; dossierVersion: number; dossierHash: string; amendedAt: string };
    }
  | {
      type: 'AttachmentAdded';
      data: AttachmentFile & { proposalId: string; dossierVersion: number; dossierHash: string; addedBy: string; addedAt: string };
    }
  | {
      type: 'ProposalWithdrawn';
      data: { proposalId: string; reason: string; withdrawnBy: string; withdrawnAt: string; fromStatus: ProposalStatus; cancelledStepIds: string[] };
    }
  | {
      type: 'ProposalSubmitted';
      data: {
        proposalId: string;
        round: number;
        submittedBy: string;
        submittedAt: string;
        dossierVersion: number;
        dossierHash: string;
        policy: { id: string; version: number };
        /** Which chain of the policy applied, and who issues its decision by default. */
        chain: string;
        decisionIssuer: string;
        steps: FrozenStep[];
      };
    }
  | { type: 'StepApproved'; data: SignOff & { comment?: string; nextStepId?: string; nextStepDueDate?: IsoDate } }
  | {
      type: 'ProposalApproved';
      data: { proposalId: string; round: number; approvedBy: string; approvedAt: string; dossierVersion: number; dossierHash: string; decision: DecisionOfProposal };
    }
  | { type: 'ProposalReturned'; data: SignOff & { comment: string; cancelledStepIds: string[] } }
  | { type: 'ProposalRejected'; data: SignOff & { comment: string; cancelledStepIds: string[] } }
  | { type: 'StepOverdue'; data: { proposalId: string; round: number; stepId: string; dueDate: IsoDate; detectedAt: string } }
  | { type: 'ProposalExecuted'; data: { proposalId: string; executedAt: string; decisionKey: string; createdUnits: { code: string; unitId: string }[] } }
  | { type: 'ProposalExecutionFailed'; data: { proposalId: string; failedAt: string; errors: ExecutionErrorItem[] } };

export type ProposalEventType = ProposalEvent['type'];
export const PROPOSAL_EVENT_TYPES: readonly ProposalEventType[] = [
  'ProposalDrafted',
  'ProposalAmended',
  'AttachmentAdded',
  'ProposalWithdrawn',
  'ProposalSubmitted',
  'StepApproved',
  'ProposalApproved',
  'ProposalReturned',
  'ProposalRejected',
  'StepOverdue',
  'ProposalExecuted',
  'ProposalExecutionFailed',
];

/** What an approver sends for a step (docs/domain.md#approval-chains: outcome, comment, dossierVersion, decision on the final approval). */
export interface StepDecisionInput {
  outcome: StepOutcome;
  comment?: string;
  dossierVersion: number;
  decision?: Omit<DecisionOfProposal, 'issuer'> & { issuer?: string };
}

/** Commands carry the instant (`at`, ISO-8601 UTC) and the actor: the domain never reads a clock. */
export type ProposalCommand =
  | { type: 'CreateProposal'; data: { proposalId: string; content: DossierContent; actor: Actor; at: string } }
  | { type: 'AmendProposal'; data: { proposalId: string; expectedDossierVersion: number; content: DossierContent; actor: Actor; at: string } }
  | { type: 'AddAttachment'; data: { proposalId: string; file: AttachmentFile; actor: Actor; at: string } }
  | { type: 'WithdrawProposal'; data: { proposalId: string; reason: string; actor: Actor; at: string } }
  /** `today` (province date) and `holidays` date the first step's deadline. */
  | { type: 'SubmitProposal'; data: { proposalId: string; actor: Actor; at: string; today: IsoDate; holidays: readonly IsoDate[] } }
  | {
      type: 'DecideStep';
      data: { proposalId: string; stepId: string; input: StepDecisionInput; approver: Approver; at: string; today: IsoDate; holidays: readonly IsoDate[] };
    }
  /** The deadline watcher: one StepOverdue per pending step whose due date is before `today`; nothing otherwise. */
  | { type: 'MarkStepOverdue'; data: { proposalId: string; stepId: string; at: string; today: IsoDate } }
  /** The executor, once the approved decision's operations were recorded in the register (same atomic append). */
  | { type: 'RecordExecution'; data: { proposalId: string; at: string; today: IsoDate; decisionKey: string; createdUnits: { code: string; unitId: string }[] } }
  /** The executor, when the register refused the approved decision's operations on its effective date. */
  | { type: 'RecordExecutionFailure'; data: { proposalId: string; at: string; today: IsoDate; errors: ExecutionErrorItem[] } };
