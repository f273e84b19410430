import { DomainRefusal, type Violation } from '../shared/violations';
import type { Actor, ExistingProposal, ProposalState } from './proposal';
import { canSeeProposal } from './visibility';

/** A refusal with one violation; `more` gives its path, the params it names and the message variant. */
export const refusal = (kind: DomainRefusal['kind'], code: string, detail: string, more: Pick<Violation, 'path' | 'params' | 'variant'> = {}) =>
  new DomainRefusal(kind, [{ code, detail, ...more }]);

/**
 * A request whose shape only the proposal's state can judge (e.g. the final approval without its
 * decision): the HTTP edge answers 400 VALIDATION_FAILED, before any other check.
 */
export class InvalidStepDecision extends Error {
  constructor(readonly violations: Violation[]) {
    super(violations.map((v) => `${v.code}: ${v.detail}`).join('; '));
    this.name = 'InvalidStepDecision';
  }
}

export function notFound(proposalId: string): DomainRefusal {
  return refusal('NOT_FOUND', 'NOT_FOUND', `no proposal ${proposalId}`, { params: { proposal: proposalId }, variant: 'proposal' });
}

/** A proposer acts on the proposals of the bodies they act for (canSeeProposal): another body's proposal does not exist for them. */
export function visibleTo(state: ProposalState, proposalId: string, actor: Actor): ExistingProposal {
  if (state.status === 'NONE' || !canSeeProposal({ readsAll: false, governingBodyIds: actor.governingBodyIds }, state.content.governingBodyId)) throw notFound(proposalId);
  return state;
}
