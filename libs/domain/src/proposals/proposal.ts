import type { IsoDate } from '../shared/calendar';
import type { Operation } from '../register/operations';

/** Every status of API.md; the decider implements the draft part, submission and sign-off add the rest. */
export const PROPOSAL_STATUSES = ['DRAFT', 'IN_REVIEW', 'RETURNED', 'REJECTED', 'WITHDRAWN', 'APPROVED', 'EXECUTED', 'EXECUTION_FAILED'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Statuses in which the proposer may change the dossier (amend, attach). */
export const EDITABLE_STATUSES: readonly ProposalStatus[] = ['DRAFT', 'RETURNED'];
/** Statuses before the final decision: a proposal may be withdrawn from these. */
export const WITHDRAWABLE_STATUSES: readonly ProposalStatus[] = ['DRAFT', 'IN_REVIEW', 'RETURNED'];

/** What the proposer writes: the content that amendments replace as a whole. */
export interface DossierContent {
  title: string;
  rationale: string;
  governingBodyId: string;
  proposedEffectiveDate: IsoDate;
  operations: Operation[];
}

export interface AttachmentFile {
  attachmentId: string;
  name: string;
  mediaType: string;
  size: number;
  /** SHA-256 (hex) of the bytes, computed where the bytes are stored. */
  sha256: string;
}

/** An attachment belongs to the dossier version it was added to. */
export interface Attachment extends AttachmentFile {
  dossierVersion: number;
  addedBy: string;
  addedAt: string;
}

/** Who acts: the token's subject and the governing bodies they may propose for. */
export interface Actor {
  id: string;
  governingBodyIds: readonly string[];
}

interface ProposalBase {
  proposalId: string;
  proposedBy: string;
  createdAt: string;
  updatedAt: string;
  content: DossierContent;
  dossierVersion: number;
  /** SHA-256 over the canonical dossier, attachments' SHA-256s included (see dossier-hash.ts). */
  dossierHash: string;
  attachments: Attachment[];
}

export type DraftProposal = ProposalBase & { status: 'DRAFT' };
export type WithdrawnProposal = ProposalBase & {
  status: 'WITHDRAWN';
  withdrawal: { reason: string; by: string; at: string; fromStatus: ProposalStatus };
};

/** Keyed on status; submission and sign-off add IN_REVIEW, RETURNED, REJECTED, APPROVED, EXECUTED... */
export type ProposalState = { status: 'NONE' } | DraftProposal | WithdrawnProposal;
export type ExistingProposal = Exclude<ProposalState, { status: 'NONE' }>;

export type ProposalEvent =
  | {
      type: 'ProposalDrafted';
      data: DossierContent & { proposalId: string; proposedBy: string; dossierVersion: number; dossierHash: string; draftedAt: string };
    }
  | {
      type: 'ProposalAmended';
      data: DossierContent & { proposalId: string; amendedBy: string; dossierVersion: number; dossierHash: string; amendedAt: string };
    }
  | {
      type: 'AttachmentAdded';
      data: AttachmentFile & { proposalId: string; dossierVersion: number; dossierHash: string; addedBy: string; addedAt: string };
    }
  | {
      type: 'ProposalWithdrawn';
      data: { proposalId: string; reason: string; withdrawnBy: string; withdrawnAt: string; fromStatus: ProposalStatus };
    };

export type ProposalEventType = ProposalEvent['type'];
export const PROPOSAL_EVENT_TYPES: readonly ProposalEventType[] = ['ProposalDrafted', 'ProposalAmended', 'AttachmentAdded', 'ProposalWithdrawn'];

/** Commands carry the instant (`at`, ISO-8601 UTC) and the actor: the domain never reads a clock. */
export type ProposalCommand =
  | { type: 'CreateProposal'; data: { proposalId: string; content: DossierContent; actor: Actor; at: string } }
  | { type: 'AmendProposal'; data: { proposalId: string; expectedDossierVersion: number; content: DossierContent; actor: Actor; at: string } }
  | { type: 'AddAttachment'; data: { proposalId: string; file: AttachmentFile; actor: Actor; at: string } }
  | { type: 'WithdrawProposal'; data: { proposalId: string; reason: string; actor: Actor; at: string } };
