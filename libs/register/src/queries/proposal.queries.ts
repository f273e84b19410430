import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { IsoDate } from '@reorg/domain';
import type { Attachment, ExistingProposal } from '@reorg/domain/proposals';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { InboxQueries, type InboxItem } from '../approval/inbox.queries';
import { type ProposalHistoryEntry, proposalHistory } from '../approval/proposal-history';
import { settleWrittenPositions } from '../command-pipeline';
import { type Page, type ProposalListQuery, ProposalQueries } from '../proposals/proposal.queries';
import { ProposalService } from '../proposals/proposal-service';
import type { ProposalReader, ProposalView } from '../proposals/proposal-view';

/* Proposal reads, as sent on the QueryBus: lists from the read models, one proposal straight from its stream. */

export class ListProposals extends Query<Page<ProposalView>> {
  constructor(
    readonly query: ProposalListQuery,
    readonly reader: ProposalReader,
  ) {
    super();
  }
}

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

export class GetApproverInbox extends Query<Page<InboxItem>> {
  constructor(
    readonly roles: readonly string[],
    readonly today: IsoDate,
    readonly page: { page: number; pageSize: number },
  ) {
    super();
  }
}

@QueryHandler(ListProposals)
export class ListProposalsHandler implements IQueryHandler<ListProposals> {
  constructor(@Inject(ProposalQueries) private readonly proposals: ProposalQueries) {}

  async execute({ query, reader }: ListProposals) {
    await settleWrittenPositions();
    return this.proposals.list(query, reader);
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

@QueryHandler(GetApproverInbox)
export class GetApproverInboxHandler implements IQueryHandler<GetApproverInbox> {
  constructor(@Inject(InboxQueries) private readonly inbox: InboxQueries) {}

  async execute({ roles, today, page }: GetApproverInbox) {
    await settleWrittenPositions();
    return this.inbox.inbox(roles, today, page);
  }
}

export const PROPOSAL_QUERY_HANDLERS = [ListProposalsHandler, GetProposalHandler, GetAttachmentHandler, GetProposalHistoryHandler, GetApproverInboxHandler];
