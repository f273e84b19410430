import type { IsoDate } from '@reorg/domain';
import type { ExistingProposal } from '@reorg/domain/proposals';
import { readModelTransaction } from '@reorg/projections';
import { type DataSource, In } from 'typeorm';
import { ProposalRow } from '../proposals/proposal-row.entity';
import { type ProposalView, toProposalView } from '../proposals/proposal-view';
import type { Page } from '../proposals/proposal.queries';
import { InboxRow } from './inbox-row.entity';

export interface PendingStepView {
  stepId: string;
  name: string;
  role: string;
  dueDate: IsoDate;
  /** A StepOverdue was recorded, or the due date is before today. */
  overdue: boolean;
}

export type InboxItem = ProposalView & { pendingStep: PendingStepView; overdue: boolean };

/** Proposals whose pending step one of the caller's roles decides, oldest due first. */
export class InboxQueries {
  constructor(private readonly dataSource: DataSource) {}

  inbox(roles: readonly string[], today: IsoDate, page: { page: number; pageSize: number }): Promise<Page<InboxItem>> {
    const empty = { items: [], total: 0, page: page.page, pageSize: page.pageSize };
    if (roles.length === 0) return Promise.resolve(empty);
    return readModelTransaction(this.dataSource, async (tx) => {
      const [rows, total] = await tx.findAndCount(InboxRow, {
        where: { role: In([...roles]) },
        order: { dueDate: 'ASC', proposalId: 'ASC' },
        skip: (page.page - 1) * page.pageSize,
        take: page.pageSize,
      });
      const proposals = rows.length === 0 ? [] : await tx.findBy(ProposalRow, { id: In(rows.map((r) => r.proposalId)) });
      const byId = new Map(proposals.map((p) => [p.id, JSON.parse(p.state) as ExistingProposal]));
      const items = rows.flatMap((row): InboxItem[] => {
        const state = byId.get(row.proposalId);
        if (!state) return [];
        const overdue = row.overdue || row.dueDate < today;
        return [{ ...toProposalView(state), pendingStep: { stepId: row.stepId, name: row.stepName, role: row.role, dueDate: row.dueDate, overdue }, overdue }];
      });
      return { items, total, page: page.page, pageSize: page.pageSize };
    });
  }
}
