/** Who reads proposals: whether they see every proposal, and otherwise the governing bodies they act for. */
export interface ProposalReader {
  readsAll: boolean;
  governingBodyIds: readonly string[];
}

/** The role that sees only its own bodies' proposals; every other role (approvers, auditors, admins) sees them all. */
const BODY_BOUND_ROLE = 'proposer';

/** The reader a set of roles and bodies makes. */
export function proposalReader(roles: readonly string[], governingBodyIds: readonly string[]): ProposalReader {
  return { readsAll: roles.some((role) => role !== BODY_BOUND_ROLE), governingBodyIds };
}

/**
 * The one visibility rule of proposals: a reader sees a proposal if they read all, or if it is for a
 * body they act for. A proposal the reader may not see does not exist for them (404, never 403).
 */
export function canSeeProposal(reader: ProposalReader, governingBodyId: string): boolean {
  return reader.readsAll || reader.governingBodyIds.includes(governingBodyId);
}
