import type { ExistingProposal, ProposalStatus } from '@reorg/domain/proposals';
import type { StepStatus } from '@reorg/domain/approval';
import type { Operation } from '@reorg/domain';

export interface StepView {
  stepId: string;
  name: string;
  role: string;
  status: StepStatus;
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
  dueDate?: string;
  /** The dossier version and hash the sign-off names. */
  dossierVersion?: number;
  dossierHash?: string;
  overdue?: boolean;
}

export interface ExecutionView {
  status: 'SCHEDULED' | 'EXECUTED' | 'FAILED';
  /** SCHEDULED: the effective date it runs on; EXECUTED / FAILED: the instant it ran. */
  at?: string;
  errors?: { code: string; detail: string; path?: string; operationIndex?: number }[];
  createdUnits?: { code: string; unitId: string }[];
}

/** A proposal as the API shows it (docs/domain.md#proposals): `steps` is the current round's chain. */
export interface ProposalView {
  id: string;
  title: string;
  status: ProposalStatus;
  dossierVersion: number;
  dossierHash: string;
  governingBodyId: string;
  proposedBy: string;
  rationale: string;
  proposedEffectiveDate: string;
  operations: Operation[];
  /** How many times it was submitted; `steps` belong to the last submission. */
  round: number;
  steps: StepView[];
  /** The chains of the rounds before this one (each ended by a RETURN), oldest first; absent in round 1. */
  earlierRounds?: { round: number; steps: StepView[] }[];
  currentStepId?: string;
  decision?: { number: string; date: string; effectiveDate: string; signer: string; issuer: string };
  execution?: ExecutionView;
  returned?: { stepId: string; by: string; role: string; at: string; comment: string };
  rejected?: { stepId: string; by: string; role: string; at: string; comment: string };
  attachments: { attachmentId: string; name: string; mediaType: string; size: number; sha256: string; dossierVersion: number; addedBy: string; addedAt: string }[];
  createdAt: string;
  updatedAt: string;
  withdrawal?: { reason: string; by: string; at: string };
}

type Round = ExistingProposal['rounds'][number];

function stepsOf(round: Round | undefined): StepView[] {
  return (round?.steps ?? []).map((step) => ({
    stepId: step.stepId,
    name: step.name,
    role: step.role,
    status: step.status,
    ...(step.decidedBy ? { decidedBy: step.decidedBy } : {}),
    ...(step.decidedAt ? { decidedAt: step.decidedAt } : {}),
    ...(step.comment ? { comment: step.comment } : {}),
    ...(step.dueDate ? { dueDate: step.dueDate } : {}),
    ...(step.dossierVersion !== undefined ? { dossierVersion: step.dossierVersion, dossierHash: step.dossierHash } : {}),
    ...(step.overdueSince ? { overdue: true } : {}),
  }));
}

function statusParts(state: ExistingProposal): Partial<ProposalView> {
  switch (state.status) {
    case 'IN_REVIEW':
      return { currentStepId: state.currentStepId };
    case 'RETURNED':
      return { returned: { ...state.returned } };
    case 'REJECTED':
      return { rejected: { ...state.rejected } };
    case 'WITHDRAWN':
      return { withdrawal: { reason: state.withdrawal.reason, by: state.withdrawal.by, at: state.withdrawal.at } };
    case 'APPROVED':
      return { decision: { ...state.decision }, execution: { status: 'SCHEDULED', at: state.decision.effectiveDate } };
    case 'EXECUTED':
      return { decision: { ...state.decision }, execution: { status: 'EXECUTED', at: state.execution.at, createdUnits: state.execution.createdUnits } };
    case 'EXECUTION_FAILED':
      return { decision: { ...state.decision }, execution: { status: 'FAILED', at: state.failure.at, errors: state.failure.errors } };
    case 'DRAFT':
      return {};
  }
}

export function toProposalView(state: ExistingProposal): ProposalView {
  const { content } = state;
  return {
    id: state.proposalId,
    title: content.title,
    status: state.status,
    dossierVersion: state.dossierVersion,
    dossierHash: state.dossierHash,
    governingBodyId: content.governingBodyId,
    proposedBy: state.proposedBy,
    rationale: content.rationale,
    proposedEffectiveDate: content.proposedEffectiveDate,
    operations: content.operations,
    round: state.rounds.length,
    steps: stepsOf(state.rounds.at(-1)),
    ...(state.rounds.length > 1 ? { earlierRounds: state.rounds.slice(0, -1).map((round) => ({ round: round.round, steps: stepsOf(round) })) } : {}),
    attachments: state.attachments.map((a) => ({ ...a })),
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    ...statusParts(state),
  };
}

export type { ProposalReader } from '@reorg/domain/proposals';
