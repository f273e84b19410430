import type { Principal } from '@reorg/auth';
import type { Approver } from '@reorg/domain/approval';
import type { Actor } from '@reorg/domain/proposals';
import type { ProposalReader } from '@reorg/register/proposals';

export const actorOf = (principal: Principal): Actor => ({ id: principal.sub, governingBodyIds: principal.governingBodyIds });

/** Approvers, auditors and admins read every proposal; a proposer only those of their bodies. */
export const readerOf = (principal: Principal): ProposalReader => ({
  readsAll: principal.roles.some((role) => role !== 'proposer'),
  governingBodyIds: principal.governingBodyIds,
});

export const approverOf = (principal: Principal): Approver => ({ id: principal.sub, roles: principal.roles, governingBodyIds: principal.governingBodyIds });
