import type { RegisterView } from '../register/register-view';
import { DomainRefusal } from '../shared/violations';
import type { Decider } from './decider';
import { dossierHash, type Sha256Hex } from './dossier-hash';
import { dossierReferenceRefusal } from './dossier-references';
import {
  type Actor,
  EDITABLE_STATUSES,
  type ExistingProposal,
  type ProposalCommand,
  type ProposalEvent,
  type ProposalState,
  WITHDRAWABLE_STATUSES,
} from './proposal';
import { normalizeText } from './text';

export interface ProposalDeciderDeps {
  sha256Hex: Sha256Hex;
  /** The units and bodies a dossier names, preloaded by the application. */
  register: RegisterView;
}

type CommandOf<T extends ProposalCommand['type']> = Extract<ProposalCommand, { type: T }>['data'];

export const initialProposalState: ProposalState = { status: 'NONE' };

const refusal = (kind: DomainRefusal['kind'], code: string, detail: string, path?: string) =>
  new DomainRefusal(kind, [{ code, detail, ...(path ? { path } : {}) }]);

/** A proposer sees only proposals of the bodies they act for: another body's proposal does not exist for them. */
function visibleTo(state: ProposalState, proposalId: string, actor: Actor): ExistingProposal {
  if (state.status === 'NONE' || !actor.governingBodyIds.includes(state.content.governingBodyId)) {
    throw refusal('NOT_FOUND', 'NOT_FOUND', `no proposal ${proposalId}`);
  }
  return state;
}

function editable(state: ExistingProposal, action: string): void {
  if (!EDITABLE_STATUSES.includes(state.status)) {
    throw refusal('INVALID_STATE', 'INVALID_STATE', `a ${state.status} proposal cannot be ${action}; only ${EDITABLE_STATUSES.join(' or ')} proposals can`);
  }
}

export function evolveProposal(state: ProposalState, event: ProposalEvent): ProposalState {
  if (event.type === 'ProposalDrafted') {
    const { proposalId, proposedBy, dossierVersion, dossierHash: hash, draftedAt, title, rationale, governingBodyId, proposedEffectiveDate, operations } = event.data;
    return {
      status: 'DRAFT',
      proposalId,
      proposedBy,
      createdAt: draftedAt,
      updatedAt: draftedAt,
      content: { title, rationale, governingBodyId, proposedEffectiveDate, operations },
      dossierVersion,
      dossierHash: hash,
      attachments: [],
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
      const { reason, withdrawnBy, withdrawnAt, fromStatus } = event.data;
      return { ...state, status: 'WITHDRAWN', withdrawal: { reason, by: withdrawnBy, at: withdrawnAt, fromStatus }, updatedAt: withdrawnAt };
    }
  }
}

/** The proposal aggregate (stream `proposal-<id>`): drafting, amending, attaching and withdrawing. */
export function proposalDecider({ sha256Hex, register }: ProposalDeciderDeps): Decider<ProposalCommand, ProposalState, ProposalEvent> {
  function create(command: CommandOf<'CreateProposal'>, state: ProposalState): ProposalEvent[] {
    if (state.status !== 'NONE') throw refusal('CONFLICT', 'PROPOSAL_EXISTS', `proposal ${command.proposalId} already exists`);
    const content = normalizeText(command.content);
    const references = dossierReferenceRefusal(content, register, command.actor);
    if (references) throw references;
    const hash = dossierHash({ proposalId: command.proposalId, dossierVersion: 1, content, attachments: [] }, sha256Hex);
    return [{ type: 'ProposalDrafted', data: { proposalId: command.proposalId, proposedBy: command.actor.id, ...content, dossierVersion: 1, dossierHash: hash, draftedAt: command.at } }];
  }

  function amend(command: CommandOf<'AmendProposal'>, state: ProposalState): ProposalEvent[] {
    const proposal = visibleTo(state, command.proposalId, command.actor);
    editable(proposal, 'amended');
    if (command.expectedDossierVersion !== proposal.dossierVersion) {
      throw refusal('PRECONDITION_FAILED', 'PRECONDITION_FAILED', `the dossier is at version ${proposal.dossierVersion}, not ${command.expectedDossierVersion}`);
    }
    const content = normalizeText(command.content);
    const references = dossierReferenceRefusal(content, register, command.actor);
    if (references) throw references;
    const dossierVersion = proposal.dossierVersion + 1;
    const hash = dossierHash({ proposalId: proposal.proposalId, dossierVersion, content, attachments: proposal.attachments }, sha256Hex);
    return [{ type: 'ProposalAmended', data: { proposalId: proposal.proposalId, amendedBy: command.actor.id, ...content, dossierVersion, dossierHash: hash, amendedAt: command.at } }];
  }

  function addAttachment(command: CommandOf<'AddAttachment'>, state: ProposalState): ProposalEvent[] {
    const proposal = visibleTo(state, command.proposalId, command.actor);
    editable(proposal, 'given attachments');
    const file = normalizeText(command.file);
    if (proposal.attachments.some((a) => a.attachmentId === file.attachmentId)) {
      throw refusal('CONFLICT', 'DUPLICATE_ATTACHMENT', `attachment ${file.attachmentId} is already part of the dossier`);
    }
    const attachment = { ...file, dossierVersion: proposal.dossierVersion };
    const hash = dossierHash({ proposalId: proposal.proposalId, dossierVersion: proposal.dossierVersion, content: proposal.content, attachments: [...proposal.attachments, attachment] }, sha256Hex);
    return [{ type: 'AttachmentAdded', data: { proposalId: proposal.proposalId, ...attachment, dossierHash: hash, addedBy: command.actor.id, addedAt: command.at } }];
  }

  function withdraw(command: CommandOf<'WithdrawProposal'>, state: ProposalState): ProposalEvent[] {
    const proposal = visibleTo(state, command.proposalId, command.actor);
    if (!WITHDRAWABLE_STATUSES.includes(proposal.status)) {
      throw refusal('INVALID_STATE', 'INVALID_STATE', `a ${proposal.status} proposal cannot be withdrawn; only ${WITHDRAWABLE_STATUSES.join(', ')} proposals can`);
    }
    return [{ type: 'ProposalWithdrawn', data: { proposalId: proposal.proposalId, reason: command.reason.normalize('NFC'), withdrawnBy: command.actor.id, withdrawnAt: command.at, fromStatus: proposal.status } }];
  }

  return {
    initialState: initialProposalState,
    evolve: evolveProposal,
    decide(command, state) {
      switch (command.type) {
        case 'CreateProposal':
          return create(command.data, state);
        case 'AmendProposal':
          return amend(command.data, state);
        case 'AddAttachment':
          return addAttachment(command.data, state);
        case 'WithdrawProposal':
          return withdraw(command.data, state);
      }
    },
  };
}
