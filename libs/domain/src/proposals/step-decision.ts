import { BODY_SCOPED_APPROVER_ROLES } from '../approval/approval-policy';
import type { ReviewRound, ReviewStep } from '../approval/review-round';
import { addWorkingDays } from '../approval/working-days';
import type { Violation } from '../shared/violations';
import type { IsoDate } from '../shared/calendar';
import type { ExistingProposal, ProposalCommand, ProposalEvent } from './proposal';
import { InvalidStepDecision, notFound, refusal } from './refusals';
import { normalizeText } from './text';

type Decide = Extract<ProposalCommand, { type: 'DecideStep' }>['data'];

interface Located {
  round: ReviewRound;
  step: ReviewStep;
  index: number;
}

function locate(proposal: ExistingProposal, stepId: string): Located | undefined {
  for (const round of proposal.rounds) {
    const index = round.steps.findIndex((s) => s.stepId === stepId);
    if (index >= 0) return { round, step: round.steps[index], index };
  }
  return undefined;
}

/** The body's shape as only the chain can judge it: a comment to return or reject, the decision with (and only with) the final approval. */
function shapeViolations({ input }: Decide, { round, index }: Located): Violation[] {
  const violations: Violation[] = [];
  const final = index === round.steps.length - 1;
  if (input.outcome !== 'APPROVE' && !input.comment?.trim()) {
    const outcome = input.outcome === 'RETURN' ? 'return' : 'reject';
    violations.push({ code: 'COMMENT_REQUIRED', detail: `a comment is required to ${outcome} a proposal`, variant: outcome, path: 'comment' });
  }
  if (input.outcome === 'APPROVE' && final && !input.decision) {
    violations.push({ code: 'DECISION_REQUIRED', detail: 'approving the final step requires the decision (number, date, effectiveDate, signer)', path: 'decision' });
  }
  if (input.decision && !(input.outcome === 'APPROVE' && final)) {
    violations.push({ code: 'DECISION_NOT_EXPECTED', detail: 'a decision is given only with the approval of the final step', path: 'decision' });
  }
  return violations;
}

/**
 * An approver's outcome on a step, checked in the order of docs/http-contract.md#conflicts (the first failure answers): body
 * shape, role, step still pending, dossier version current, segregation of duties.
 */
export function decideStep(command: Decide, proposal: ExistingProposal): ProposalEvent[] {
  const located = locate(proposal, command.stepId);
  if (!located) throw refusal('NOT_FOUND', 'NOT_FOUND', `proposal ${proposal.proposalId} has no step ${command.stepId}`, { params: { proposal: proposal.proposalId, step: command.stepId }, variant: 'step' });
  const shape = shapeViolations(command, located);
  if (shape.length > 0) throw new InvalidStepDecision(shape);

  const { round, step, index } = located;
  const { approver, input } = command;
  if (!approver.roles.includes(step.role)) {
    throw refusal('FORBIDDEN', 'FORBIDDEN', `step ${step.name} is decided by the role ${step.role}`, { params: { step: step.name, role: step.role }, variant: 'stepRole' });
  }
  if (BODY_SCOPED_APPROVER_ROLES.includes(step.role) && !approver.governingBodyIds?.includes(proposal.content.governingBodyId)) {
    throw refusal('FORBIDDEN', 'FORBIDDEN', `step ${step.name} is decided by the ${step.role} of governing body ${proposal.content.governingBodyId} only`, {
      params: { step: step.name, role: step.role, body: proposal.content.governingBodyId },
      variant: 'stepBody',
    });
  }
  const current = proposal.rounds.at(-1);
  if (proposal.status !== 'IN_REVIEW' || round !== current || step.status !== 'PENDING') {
    const why = round !== current ? `it belongs to round ${round.round}, superseded by round ${current?.round ?? '?'}` : `it is ${step.status} and the proposal ${proposal.status}`;
    const variant = round !== current ? 'oldRound' : proposal.status !== 'IN_REVIEW' ? 'proposalNotInReview' : step.status === 'WAITING' ? 'waiting' : step.status === 'CANCELLED' ? 'cancelled' : 'decided';
    const params = { step: step.name, status: step.status, proposalStatus: proposal.status, round: round.round, currentRound: current?.round ?? '?', decidedBy: step.decidedBy ?? '' };
    throw refusal('CONFLICT', 'STEP_NOT_PENDING', `step ${step.name} is not pending: ${why}`, { params, variant });
  }
  if (input.dossierVersion !== proposal.dossierVersion) {
    throw refusal('CONFLICT', 'STALE_DOSSIER', `the dossier is at version ${proposal.dossierVersion}, not ${input.dossierVersion}`, {
      path: 'dossierVersion',
      params: { current: proposal.dossierVersion, given: input.dossierVersion },
    });
  }
  if (approver.id === proposal.proposedBy) {
    throw refusal('FORBIDDEN', 'SEGREGATION_OF_DUTIES', 'the proposer never signs their own proposal', { variant: 'proposer' });
  }
  const signedBefore = round.steps.find((s) => s.stepId !== step.stepId && s.decidedBy === approver.id);
  if (signedBefore) {
    throw refusal('FORBIDDEN', 'SEGREGATION_OF_DUTIES', `${approver.id} already signed step ${signedBefore.name} of this round; nobody signs two steps`, {
      params: { approver: approver.id, step: signedBefore.name },
      variant: 'twoSteps',
    });
  }

  const comment = input.comment?.normalize('NFC').trim();
  const signOff = {
    proposalId: proposal.proposalId,
    round: round.round,
    stepId: step.stepId,
    decidedBy: approver.id,
    role: step.role,
    decidedAt: command.at,
    dossierVersion: proposal.dossierVersion,
    dossierHash: proposal.dossierHash,
  };
  if (input.outcome === 'RETURN' || input.outcome === 'REJECT') {
    const cancelledStepIds = round.steps.filter((s) => s.status === 'WAITING').map((s) => s.stepId);
    const data = { ...signOff, comment: comment ?? '', cancelledStepIds };
    return [input.outcome === 'RETURN' ? { type: 'ProposalReturned', data } : { type: 'ProposalRejected', data }];
  }

  const next = round.steps[index + 1] as ReviewStep | undefined;
  const approved: ProposalEvent = {
    type: 'StepApproved',
    data: {
      ...signOff,
      ...(comment ? { comment } : {}),
      ...(next ? { nextStepId: next.stepId, nextStepDueDate: addWorkingDays(command.today, next.deadlineWorkingDays, command.holidays) } : {}),
    },
  };
  if (next) return [approved];
  if (!input.decision) throw new InvalidStepDecision(shapeViolations(command, located));
  const decision = normalizeText(input.decision);
  return [
    approved,
    {
      type: 'ProposalApproved',
      data: {
        proposalId: proposal.proposalId,
        round: round.round,
        approvedBy: approver.id,
        approvedAt: command.at,
        dossierVersion: proposal.dossierVersion,
        dossierHash: proposal.dossierHash,
        decision: { number: decision.number, date: decision.date, effectiveDate: decision.effectiveDate, signer: decision.signer, issuer: decision.issuer ?? round.decisionIssuer ?? '' },
      },
    },
  ];
}

type MarkOverdue = Extract<ProposalCommand, { type: 'MarkStepOverdue' }>['data'];

/** At most one StepOverdue per step, only while it is pending and its due date has passed. */
export function markStepOverdue(command: MarkOverdue, proposal: ExistingProposal | undefined): ProposalEvent[] {
  if (!proposal) throw notFound(command.proposalId);
  const round = proposal.rounds.at(-1);
  const step = round?.steps.find((s) => s.stepId === command.stepId);
  if (!round || !step || proposal.status !== 'IN_REVIEW' || step.status !== 'PENDING' || step.overdueSince || !step.dueDate || step.dueDate >= command.today) return [];
  return [{ type: 'StepOverdue', data: { proposalId: proposal.proposalId, round: round.round, stepId: step.stepId, dueDate: step.dueDate, detectedAt: command.at } }];
}

type RecordExecution = Extract<ProposalCommand, { type: 'RecordExecution' }>['data'];
type RecordExecutionFailure = Extract<ProposalCommand, { type: 'RecordExecutionFailure' }>['data'];

/** Only an APPROVED proposal whose effective date has come executes, and only once (a repeat is refused, not ignored). */
function executable(proposal: ExistingProposal | undefined, proposalId: string, today: IsoDate): ExistingProposal {
  if (!proposal) throw notFound(proposalId);
  if (proposal.status !== 'APPROVED') throw refusal('INVALID_STATE', 'INVALID_STATE', `a ${proposal.status} proposal cannot be executed; only APPROVED proposals can`, { variant: 'execute', params: { status: proposal.status } });
  if (proposal.decision.effectiveDate > today) throw refusal('INVALID_STATE', 'NOT_YET_EFFECTIVE', `the decision takes effect on ${proposal.decision.effectiveDate}, not before`, { params: { effectiveDate: proposal.decision.effectiveDate } });
  return proposal;
}

export function recordExecution(command: RecordExecution, proposal: ExistingProposal | undefined): ProposalEvent[] {
  const { proposalId } = executable(proposal, command.proposalId, command.today);
  return [{ type: 'ProposalExecuted', data: { proposalId, executedAt: command.at, decisionKey: command.decisionKey, createdUnits: command.createdUnits } }];
}

export function recordExecutionFailure(command: RecordExecutionFailure, proposal: ExistingProposal | undefined): ProposalEvent[] {
  const { proposalId } = executable(proposal, command.proposalId, command.today);
  return [{ type: 'ProposalExecutionFailed', data: { proposalId, failedAt: command.at, errors: command.errors } }];
}
