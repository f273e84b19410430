import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { IsoDate } from '@reorg/domain';
import { InboxQueries, type InboxItem } from '../approval/inbox.queries';
import { settleWrittenPositions } from '@reorg/projections';
import { type Page, type ProposalListQuery, ProposalQueries } from '../proposals/proposal.queries';
import type { ProposalReader, ProposalView } from '../proposals/proposal-view';

/* Proposal reads from the read models, as sent on the QueryBus. */

export class ListProposals extends Query<Page<ProposalView>> {
  constructor(
    readonly query: ProposalListQuery,
    readonly reader: ProposalReader,
  ) {
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

@QueryHandler(GetApproverInbox)
export class GetApproverInboxHandler implements IQueryHandler<GetApproverInbox> {
  constructor(@Inject(InboxQueries) private readonly inbox: InboxQueries) {}

  async execute({ roles, today, page }: GetApproverInbox) {
    await settleWrittenPositions();
    return this.inbox.inbox(roles, today, page);
  }
}

export const PROPOSAL_QUERY_HANDLERS = [ListProposalsHandler, GetApproverInboxHandler];
