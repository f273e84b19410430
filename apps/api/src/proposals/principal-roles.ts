import type { Principal } from '@reorg/auth';
import type { Approver } from '@reorg/domain/approval';
import { type Actor, type ProposalReader, proposalReader } from '@reorg/domain/proposals';

export const actorOf = (principal: Principal): Actor => ({ id: principal.sub, governingBodyIds: principal.governingBodyIds });

export const readerOf = (principal: Principal): ProposalReader => proposalReader(principal.roles, principal.governingBodyIds);

export const approverOf = (principal: Principal): Approver => ({ id: principal.sub, roles: principal.roles, governingBodyIds: principal.governingBodyIds });
