import { randomUUID } from 'node:crypto';
import { type Actor, type Attachment, type DossierContent, type ExistingProposal, type ProposalCommand, type ProposalEvent, type ProposalState, fold } from '@reorg/domain/proposals';
import type { EventStore } from '@reorg/event-store';
import { type CommandContext, metadataOf } from '../command-context';
import { needsOf } from '../decisions/decision-service';
import { LoadedRegister, RegisterRepository } from '../register-repository';
import { Streams } from '../streams';
import { type FileAttachmentStore, sha256OfBytes } from './attachment-store';
import { type Appended, asDomainEvents, decideAndAppend, readStreamEvents } from './decide-and-append';
import { proposalDecider } from './proposal-decider';
import { type ProposalReader, canSeeProposal } from '@reorg/domain/proposals';

export type ProposalResult = Appended<ProposalState, ProposalEvent> & { state: ExistingProposal };

export interface UploadedFile {
  name: string;
  mediaType: string;
  bytes: Buffer;
}

export interface ProposalServiceOptions {
  newId?: () => string;
  /** The instant a command happens (ISO-8601 UTC). */
  now?: () => string;
}

/** Proposal drafts: the application side of the proposal decider (ids, time, register reads, bytes). */
export class ProposalService {
  private readonly repository: RegisterRepository;
  private readonly newId: () => string;
  private readonly now: () => string;

  constructor(
    private readonly store: EventStore,
    private readonly attachments: FileAttachmentStore,
    options: ProposalServiceOptions = {},
  ) {
    this.repository = new RegisterRepository(store);
    this.newId = options.newId ?? randomUUID;
    this.now = options.now ?? (() => new Date().toISOString());
  }

  create(content: DossierContent, actor: Actor, context: CommandContext): Promise<ProposalResult> {
    const proposalId = this.newId();
    return this.run(proposalId, { type: 'CreateProposal', data: { proposalId, content, actor, at: this.now() } }, context, content);
  }

  amend(proposalId: string, expectedDossierVersion: number, content: DossierContent, actor: Actor, context: CommandContext): Promise<ProposalResult> {
    return this.run(proposalId, { type: 'AmendProposal', data: { proposalId, expectedDossierVersion, content, actor, at: this.now() } }, context, content);
  }

  withdraw(proposalId: string, reason: string, actor: Actor, context: CommandContext): Promise<ProposalResult> {
    return this.run(proposalId, { type: 'WithdrawProposal', data: { proposalId, reason, actor, at: this.now() } }, context);
  }

  /** The bytes are stored (content-addressed) only once the decider accepts the attachment, before its event is appended. */
  async addAttachment(proposalId: string, upload: UploadedFile, actor: Actor, context: CommandContext): Promise<ProposalResult & { attachment: Attachment }> {
    const sha256 = sha256OfBytes(upload.bytes);
    const file = { attachmentId: this.newId(), name: upload.name, mediaType: upload.mediaType, size: upload.bytes.length, sha256 };
    const result = await this.run(proposalId, { type: 'AddAttachment', data: { proposalId, file, actor, at: this.now() } }, context, undefined, () =>
      this.attachments.put(upload.bytes, sha256),
    );
    const attachment = result.state.attachments.find((a) => a.attachmentId === file.attachmentId) ?? result.state.attachments.at(-1);
    if (!attachment) throw new Error(`proposal ${proposalId}: the attachment just added is missing from its state`);
    return { ...result, attachment };
  }

  /** The proposal as its stream has it, if the reader may see it. */
  async get(proposalId: string, reader: ProposalReader): Promise<ExistingProposal | undefined> {
    const state = fold(proposalDecider(), asDomainEvents<ProposalEvent>(await readStreamEvents(this.store, Streams.proposal(proposalId))));
    if (state.status === 'NONE' || !canSeeProposal(reader, state.content.governingBodyId)) return undefined;
    return state;
  }

  async attachment(proposalId: string, attachmentId: string, reader: ProposalReader): Promise<{ attachment: Attachment; bytes: Buffer } | undefined> {
    const proposal = await this.get(proposalId, reader);
    const attachment = proposal?.attachments.find((a) => a.attachmentId === attachmentId);
    if (!attachment) return undefined;
    const bytes = await this.attachments.get(attachment.sha256);
    if (!bytes) throw new Error(`attachment ${attachmentId} of proposal ${proposalId}: no stored bytes for ${attachment.sha256}`);
    return { attachment, bytes };
  }

  private async run(
    proposalId: string,
    command: ProposalCommand,
    context: CommandContext,
    content?: DossierContent,
    beforeAppend?: () => Promise<void>,
  ): Promise<ProposalResult> {
    const register = content ? await this.loadReferences(content) : new LoadedRegister();
    const result = await decideAndAppend(this.store, {
      decider: proposalDecider({ register }),
      streamId: Streams.proposal(proposalId),
      command,
      metadata: metadataOf(context),
      commandId: context.commandId,
      beforeAppend: beforeAppend && (() => beforeAppend()),
    });
    if (result.state.status === 'NONE') throw new Error(`proposal ${proposalId}: no state after a successful command`);
    return result as ProposalResult;
  }

  /** Every unit and body the dossier names (and the units its codes name), for the reference checks. */
  private loadReferences(content: DossierContent): Promise<LoadedRegister> {
    const needs = needsOf(content.operations);
    return this.repository.load({ ...needs, bodyIds: [content.governingBodyId, ...needs.bodyIds] });
  }
}
