import type { ExistingProposal, ProposalStatus } from '@reorg/domain/proposals';
import type { Operation } from '@reorg/domain';

/** A proposal as the API shows it (API.md, Proposals). `steps` fill in once submission exists. */
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
  steps: never[];
  attachments: { attachmentId: string; name: string; mediaType: string; size: number; sha256: string; dossierVersion: number; addedBy: string; addedAt: string }[];
  createdAt: string;
  updatedAt: string;
  withdrawal?: { reason: string; by: string; at: string };
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
    steps: [],
    attachments: state.attachments.map((a) => ({ ...a })),
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    ...(state.status === 'WITHDRAWN' ? { withdrawal: { reason: state.withdrawal.reason, by: state.withdrawal.by, at: state.withdrawal.at } } : {}),
  };
}

/** Who reads: approvers, auditors and admins read every proposal; a proposer only their bodies'. */
export interface ProposalReader {
  readsAll: boolean;
  governingBodyIds: readonly string[];
}

export function canRead(reader: ProposalReader, governingBodyId: string): boolean {
  return reader.readsAll || reader.governingBodyIds.includes(governingBodyId);
}
