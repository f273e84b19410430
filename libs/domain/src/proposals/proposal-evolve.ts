import type { ReviewRound, ReviewStep } from '../approval/review-round';
import type { ExistingProposal, ProposalEvent, ProposalState } from './proposal';

export const initialProposalState: ProposalState = { status: 'NONE' };

/** The current round with one step changed (and others, e.g. cancelled ones). */
function withSteps(state: ExistingProposal, change: (step: ReviewStep) => ReviewStep): ReviewRound[] {
  const current = state.rounds.at(-1);
  if (!current) return state.rounds;
  return [...state.rounds.slice(0, -1), { ...current, steps: current.steps.map(change) }];
}

const cancelled = (ids: readonly string[]) => (step: ReviewStep): ReviewStep => (ids.includes(step.stepId) ? { ...step, status: 'CANCELLED' } : step);

function decisionOf(state: ExistingProposal) {
  return 'decision' in state ? { decision: state.decision, approval: state.approval } : undefined;
}

/** The decider's evolve: also the proposals read model's fold. Events that cannot follow the state change nothing. */
export function evolveProposal(state: ProposalState, event: ProposalEvent): ProposalState {
  if (event.type === 'ProposalDrafted') {
    const { proposalId, proposedBy, dossierVersion, dossierHash, draftedAt, title, rationale, governingBodyId, proposedEffectiveDate, operations } = event.data;
    return {
      status: 'DRAFT',
      proposalId,
      proposedBy,
      createdAt: draftedAt,
      updatedAt: draftedAt,
      content: { title, rationale, governingBodyId, proposedEffectiveDate, operations },
      dossierVersion,
      dossierHash,
      attachments: [],
      rounds: [],
    };
  }
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'ProposalAmended': {
      const { title, rationale, governingBodyId, proposedEffectiveDate, operations } = event.data;
      return { ...state, content: { title, rationale, governingBodyId, proposedEffectiveDate, operations }, dossierVersion: event.data.dossierVersion, dossierHash: event.data.dossierHash, updatedAt: event.data.amendedAt };
    }
    case 'AttachmentAdded': {
      const { attachmentId, name, mediaType, size, sha256, dossierVersion, addedBy, addedAt } = event.data;
      return { ...state, attachments: [...state.attachments, { attachmentId, name, mediaType, size, sha256, dossierVersion, addedBy, addedAt }], dossierHash: event.data.dossierHash, updatedAt: addedAt };
    }
    case 'ProposalWithdrawn': {
      const { reason, withdrawnBy, withdrawnAt, fromStatus, cancelledStepIds } = event.data;
      return { ...base(state), rounds: withSteps(state, cancelled(cancelledStepIds ?? [])), status: 'WITHDRAWN', withdrawal: { reason, by: withdrawnBy, at: withdrawnAt, fromStatus }, updatedAt: withdrawnAt };
    }
    case 'ProposalSubmitted': {
      const { round, submittedBy, submittedAt, dossierVersion, dossierHash, policy, chain, decisionIssuer, steps } = event.data;
      const opened: ReviewRound = {
        round,
        submittedBy,
        submittedAt,
        dossierVersion,
        dossierHash,
        policy,
        chain,
        decisionIssuer,
        steps: steps.map((step, index) => ({ ...step, status: index === 0 ? 'PENDING' : 'WAITING' })),
      };
      return { ...base(state), rounds: [...state.rounds, opened], status: 'IN_REVIEW', currentStepId: steps[0].stepId, updatedAt: submittedAt };
    }
    case 'StepApproved': {
      const { stepId, decidedBy, role, decidedAt, comment, dossierVersion, dossierHash, nextStepId, nextStepDueDate } = event.data;
      const rounds = withSteps(state, (step) => {
        if (step.stepId === stepId) return { ...step, status: 'APPROVED', decidedBy, decidedRole: role, decidedAt, dossierVersion, dossierHash, ...(comment ? { comment } : {}) };
        if (step.stepId === nextStepId) return { ...step, status: 'PENDING', ...(nextStepDueDate ? { dueDate: nextStepDueDate } : {}) };
        return step;
      });
      if (state.status !== 'IN_REVIEW') return { ...state, rounds, updatedAt: decidedAt };
      return { ...state, rounds, currentStepId: nextStepId ?? state.currentStepId, updatedAt: decidedAt };
    }
    case 'ProposalApproved': {
      const { approvedBy, approvedAt, decision } = event.data;
      return { ...base(state), status: 'APPROVED', decision, approval: { by: approvedBy, at: approvedAt }, updatedAt: approvedAt };
    }
    case 'ProposalReturned':
    case 'ProposalRejected': {
      const { stepId, decidedBy, role, decidedAt, comment, dossierVersion, dossierHash, cancelledStepIds } = event.data;
      const outcome = event.type === 'ProposalReturned' ? 'RETURNED' : 'REJECTED';
      const rounds = withSteps(state, (step) =>
        step.stepId === stepId ? { ...step, status: outcome, decidedBy, decidedRole: role, decidedAt, comment, dossierVersion, dossierHash } : cancelled(cancelledStepIds)(step),
      );
      const verdict = { stepId, by: decidedBy, role, at: decidedAt, comment };
      return outcome === 'RETURNED'
        ? { ...base(state), rounds, status: 'RETURNED', returned: verdict, updatedAt: decidedAt }
        : { ...base(state), rounds, status: 'REJECTED', rejected: verdict, updatedAt: decidedAt };
    }
    case 'StepOverdue': {
      const { stepId, detectedAt } = event.data;
      return { ...state, rounds: withSteps(state, (step) => (step.stepId === stepId ? { ...step, overdueSince: detectedAt } : step)) };
    }
    case 'ProposalExecuted': {
      const decided = decisionOf(state);
      if (!decided) return state;
      const { executedAt, decisionKey, createdUnits } = event.data;
      return { ...base(state), ...decided, status: 'EXECUTED', execution: { at: executedAt, decisionKey, createdUnits }, updatedAt: executedAt };
    }
    case 'ProposalExecutionFailed': {
      const decided = decisionOf(state);
      if (!decided) return state;
      const { failedAt, errors } = event.data;
      return { ...base(state), ...decided, status: 'EXECUTION_FAILED', failure: { at: failedAt, errors }, updatedAt: failedAt };
    }
  }
}

/** The fields every status shares: a status change keeps these and drops the old status's own. */
function base(state: ExistingProposal) {
  const { proposalId, proposedBy, createdAt, updatedAt, content, dossierVersion, dossierHash, attachments, rounds } = state;
  return { proposalId, proposedBy, createdAt, updatedAt, content, dossierVersion, dossierHash, attachments, rounds };
}
