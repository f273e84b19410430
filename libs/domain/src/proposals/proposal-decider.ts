import type { ApprovalPolicy } from '../approval/approval-policy';
import { openStepIds } from '../approval/review-round';
import type { RegisterView } from '../register/register-view';
import type { Decider } from './decider';
import { dossierHash, type Sha256Hex } from './dossier-hash';
import { dossierReferenceRefusal } from './dossier-references';
import {
  EDITABLE_STATUSES,
  type ExistingProposal,
  type ProposalCommand,
  type ProposalEvent,
  type ProposalState,
  WITHDRAWABLE_STATUSES,
} from './proposal';
import { evolveProposal, initialProposalState } from './proposal-evolve';
import { notFound, refusal, visibleTo } from './refusals';
import { decideStep, markStepOverdue, recordExecution, recordExecutionFailure } from './step-decision';
import { submit } from './submission';
import { normalizeText } from './text';

export { evolveProposal, initialProposalState } from './proposal-evolve';

export interface ProposalDeciderDeps {
  sha256Hex: Sha256Hex;
  /** The units and bodies a dossier names, preloaded by the application. */
  register: RegisterView;
  /** Needed to submit: the approval policy in force and fresh ids for the steps. */
  approval?: { policy: ApprovalPolicy; newId: () => string };
}

type CommandOf<T extends ProposalCommand['type']> = Extract<ProposalCommand, { type: T }>['data'];

function editable(state: ExistingProposal, action: string): void {
  if (!EDITABLE_STATUSES.includes(state.status)) {
    throw refusal('INVALID_STATE', 'INVALID_STATE', `a ${state.status} proposal cannot be ${action}; only ${EDITABLE_STATUSES.join(' or ')} proposals can`, {
      params: { status: state.status, allowed: EDITABLE_STATUSES },
      variant: action === 'amended' ? 'amend' : 'attach',
    });
  }
}

/** The proposal aggregate (stream `proposal-<id>`): drafting, amending, attaching, submitting, signing off and withdrawing. */
export function proposalDecider({ sha256Hex, register, approval }: ProposalDeciderDeps): Decider<ProposalCommand, ProposalState, ProposalEvent> {
  function create(command: CommandOf<'CreateProposal'>, state: ProposalState): ProposalEvent[] {
    if (state.status !== 'NONE') throw refusal('CONFLICT', 'PROPOSAL_EXISTS', `proposal ${command.proposalId} already exists`, { params: { proposal: command.proposalId } });
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
      throw refusal('PRECONDITION_FAILED', 'PRECONDITION_FAILED', `the dossier is at version ${proposal.dossierVersion}, not ${command.expectedDossierVersion}`, {
        params: { current: proposal.dossierVersion, given: command.expectedDossierVersion },
        variant: 'dossierVersion',
      });
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
      throw refusal('CONFLICT', 'DUPLICATE_ATTACHMENT', `attachment ${file.attachmentId} is already part of the dossier`, { params: { attachment: file.attachmentId } });
    }
    const attachment = { ...file, dossierVersion: proposal.dossierVersion };
    const hash = dossierHash({ proposalId: proposal.proposalId, dossierVersion: proposal.dossierVersion, content: proposal.content, attachments: [...proposal.attachments, attachment] }, sha256Hex);
    return [{ type: 'AttachmentAdded', data: { proposalId: proposal.proposalId, ...attachment, dossierHash: hash, addedBy: command.actor.id, addedAt: command.at } }];
  }

  function withdraw(command: CommandOf<'WithdrawProposal'>, state: ProposalState): ProposalEvent[] {
    const proposal = visibleTo(state, command.proposalId, command.actor);
    if (!WITHDRAWABLE_STATUSES.includes(proposal.status)) {
      throw refusal('INVALID_STATE', 'INVALID_STATE', `a ${proposal.status} proposal cannot be withdrawn; only ${WITHDRAWABLE_STATUSES.join(', ')} proposals can`, {
        params: { status: proposal.status, allowed: WITHDRAWABLE_STATUSES.join(', ') },
        variant: 'withdraw',
      });
    }
    const cancelledStepIds = proposal.status === 'IN_REVIEW' ? openStepIds(proposal.rounds.at(-1)) : [];
    return [
      {
        type: 'ProposalWithdrawn',
        data: { proposalId: proposal.proposalId, reason: command.reason.normalize('NFC'), withdrawnBy: command.actor.id, withdrawnAt: command.at, fromStatus: proposal.status, cancelledStepIds },
      },
    ];
  }

  function submitProposal(command: CommandOf<'SubmitProposal'>, state: ProposalState): ProposalEvent[] {
    if (!approval) throw new Error('submitting needs the approval policy: pass deps.approval');
    return submit(command, visibleTo(state, command.proposalId, command.actor), { ...approval, register });
  }

  function decide(command: CommandOf<'DecideStep'>, state: ProposalState): ProposalEvent[] {
    if (state.status === 'NONE') throw notFound(command.proposalId);
    return decideStep(command, state);
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
        case 'SubmitProposal':
          return submitProposal(command.data, state);
        case 'DecideStep':
          return decide(command.data, state);
        case 'MarkStepOverdue':
          return markStepOverdue(command.data, state.status === 'NONE' ? undefined : state);
        case 'RecordExecution':
          return recordExecution(command.data, state.status === 'NONE' ? undefined : state);
        case 'RecordExecutionFailure':
          return recordExecutionFailure(command.data, state.status === 'NONE' ? undefined : state);
      }
    },
  };
}
