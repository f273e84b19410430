import { createHash } from 'node:crypto';
import type { RegisterView } from '@reorg/domain';
import type { ApprovalPolicy } from '@reorg/domain/approval';
import { type Decider, type ProposalCommand, type ProposalEvent, type ProposalState, proposalDecider as domainProposalDecider } from '@reorg/domain/proposals';
import { LoadedRegister } from '../register-repository';

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The domain's proposal decider with the application's hashing; the register (what a dossier names) and the policy when the command needs them. */
export function proposalDecider(deps: { register?: RegisterView; approval?: { policy: ApprovalPolicy; newId: () => string } } = {}): Decider<ProposalCommand, ProposalState, ProposalEvent> {
  return domainProposalDecider({ sha256Hex, register: deps.register ?? new LoadedRegister(), ...(deps.approval ? { approval: deps.approval } : {}) });
}
