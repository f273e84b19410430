import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Attachment, ExistingProposal, ProposalReader } from '@reorg/domain/proposals';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { type ProposalHistoryEntry, proposalHistory } from '../approval/proposal-history';
import { ProposalService } from './proposal-service';

/* Reads folded straight from a proposal's stream (complete the moment an event is recorded), as sent on the QueryBus; they live with the stream's writer. */

/** The proposal as its stream has it, if the reader may see it. */
export class GetProposal extends Query<ExistingProposal | undefined> {
  constructor(
    readonly proposalId: string,
    readonly reader: ProposalReader,
  ) {
    super();
  }
}

export class GetAttachment extends Query<{ attachment: Attachment; bytes: Buffer } | undefined> {
  constructor(
    readonly proposalId: string,
    readonly attachmentId: string,
    readonly reader: ProposalReader,
  ) {
    super();
  }
}

export class GetProposalHistory extends Query<ProposalHistoryEntry[] | undefined> {
  constructor(readonly proposalId: string) {
    super();
  }
}

@QueryHandler(GetProposal)
export class GetProposalHandler implements IQueryHandler<GetProposal> {
  constructor(@Inject(ProposalService) private readonly proposals: ProposalService) {}

  execute({ proposalId, reader }: GetProposal) {
    return this.proposals.get(proposalId, reader);
  }
}

@QueryHandler(GetAttachment)
export class GetAttachmentHandler implements IQueryHandler<GetAttachment> {
  constructor(@Inject(ProposalService) private readonly proposals: ProposalService) {}

  execute({ proposalId, attachmentId, reader }: GetAttachment) {
    return this.proposals.attachment(proposalId, attachmentId, reader);
  }
}

@QueryHandler(GetProposalHistory)
export class GetProposalHistoryHandler implements IQueryHandler<GetProposalHistory> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ proposalId }: GetProposalHistory) {
    return proposalHistory(this.store, proposalId);
  }
}

export const PROPOSAL_STREAM_QUERY_HANDLERS = [GetProposalHandler, GetAttachmentHandler, GetProposalHistoryHandler];
