import { type ApprovalPolicy, chooseChain } from '../approval/approval-policy';
import { addWorkingDays } from '../approval/working-days';
import { applyDecision } from '../register/apply-decision';
import { type RegisterView, WorkingRegister } from '../register/register-view';
import { DomainRefusal } from '../shared/violations';
import { EDITABLE_STATUSES, type ExistingProposal, type ProposalCommand, type ProposalEvent } from './proposal';
import { refusal } from './refusals';

type Submit = Extract<ProposalCommand, { type: 'SubmitProposal' }>['data'];

export interface SubmissionDeps {
  policy: ApprovalPolicy;
  register: RegisterView;
  /** Fresh ids for the steps of a new round (and the dry run's created units). */
  newId: () => string;
}

/** The governing body's system and level on the proposed date (or as last known), and the operations' types. */
function factsOf(proposal: ExistingProposal, register: RegisterView) {
  const { governingBodyId, proposedEffectiveDate, operations } = proposal.content;
  const timeline = register.body(governingBodyId);
  const body = timeline?.asOf(proposedEffectiveDate) ?? timeline?.latest();
  if (!body) throw refusal('RULE_VIOLATION', 'UNKNOWN_GOVERNING_BODY', `no governing body ${governingBodyId}`, { path: 'governingBodyId', params: { body: governingBodyId } });
  return { system: body.system, level: body.level, operationTypes: operations.map((o) => o.type), effectiveDate: proposedEffectiveDate };
}

/**
 * The operations must apply to the register as of the proposed effective date: a dry run of the
 * decision they would become, on a throw-away working register (its events are discarded).
 */
function dryRun(proposal: ExistingProposal, register: RegisterView, newId: () => string): void {
  const { proposedEffectiveDate, operations } = proposal.content;
  const decision = {
    key: `proposal|${proposal.proposalId}`,
    number: `proposal ${proposal.proposalId}`,
    date: proposedEffectiveDate,
    effectiveDate: proposedEffectiveDate,
    issuer: 'dry run',
    signer: 'dry run',
  };
  const outcome = applyDecision(new WorkingRegister(register), { decision, operations, proposalId: proposal.proposalId }, newId);
  if (!outcome.ok) throw new DomainRefusal('RULE_VIOLATION', outcome.violations);
}

/** Submit (or resubmit after a return): the policy's chain is chosen and frozen into a new round. */
export function submit(command: Submit, proposal: ExistingProposal, deps: SubmissionDeps): ProposalEvent[] {
  if (!EDITABLE_STATUSES.includes(proposal.status)) {
    throw refusal('INVALID_STATE', 'INVALID_STATE', `a ${proposal.status} proposal cannot be submitted; only ${EDITABLE_STATUSES.join(' or ')} proposals can`, {
      params: { status: proposal.status, allowed: EDITABLE_STATUSES },
      variant: 'submit',
    });
  }
  const facts = factsOf(proposal, deps.register);
  const chosen = chooseChain(deps.policy, facts);
  if (!chosen) {
    throw refusal('RULE_VIOLATION', 'NO_APPROVAL_CHAIN', `approval policy ${deps.policy.id} v${deps.policy.version} has no chain for a ${facts.system} ${facts.level} proposal of ${facts.operationTypes.join(', ')}`, {
      params: { policy: deps.policy.id, version: deps.policy.version, system: facts.system, level: facts.level, operations: facts.operationTypes.join(', ') },
    });
  }
  dryRun(proposal, deps.register, deps.newId);
  const steps = chosen.steps.map((step, index) => ({
    stepId: deps.newId(),
    ...step,
    ...(index === 0 ? { dueDate: addWorkingDays(command.today, step.deadlineWorkingDays, command.holidays) } : {}),
  }));
  return [
    {
      type: 'ProposalSubmitted',
      data: {
        proposalId: proposal.proposalId,
        round: proposal.rounds.length + 1,
        submittedBy: command.actor.id,
        submittedAt: command.at,
        dossierVersion: proposal.dossierVersion,
        dossierHash: proposal.dossierHash,
        policy: chosen.policy,
        chain: chosen.chain,
        decisionIssuer: chosen.decisionIssuer,
        steps,
      },
    },
  ];
}
