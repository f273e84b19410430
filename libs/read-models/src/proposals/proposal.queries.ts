import type { ExistingProposal, ProposalStatus } from '@reorg/domain/proposals';
import { readModelTransaction } from '@reorg/projections';
import type { DataSource } from 'typeorm';
import { ProposalRow } from './proposal-row.entity';
import { type ProposalReader, type ProposalView, toProposalView } from './proposal-view';

export interface ProposalListQuery {
  status?: ProposalStatus;
  governingBodyId?: string;
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Reads of the proposals list (newest first); on SQLite they queue with the projection's transactions. */
export class ProposalQueries {
  constructor(private readonly dataSource: DataSource) {}

  list(query: ProposalListQuery, reader: ProposalReader): Promise<Page<ProposalView>> {
    const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    if (!reader.readsAll && reader.governingBodyIds.length === 0) return Promise.resolve(empty);
    return readModelTransaction(this.dataSource, async (tx) => {
      const builder = tx.createQueryBuilder(ProposalRow, 'p');
      // canSeeProposal (the domain's visibility rule) as SQL.
      if (!reader.readsAll) builder.andWhere('p.governing_body_id IN (:...visible)', { visible: [...reader.governingBodyIds] });
      if (query.status) builder.andWhere('p.status = :status', { status: query.status });
      if (query.governingBodyId) builder.andWhere('p.governing_body_id = :body', { body: query.governingBodyId });
      const [rows, total] = await builder
        .orderBy('p.drafted_position', 'DESC')
        .skip((query.page - 1) * query.pageSize)
        .take(query.pageSize)
        .getManyAndCount();
      return { items: rows.map((row) => toProposalView(JSON.parse(row.state) as ExistingProposal)), total, page: query.page, pageSize: query.pageSize };
    });
  }
}
