import type { ProposalEvent } from '@reorg/domain/proposals';
import type { RecordedEvent } from '@reorg/event-store';
import type { Projection } from '@reorg/projections';
import type { EntityManager } from 'typeorm';
import { InboxRow } from './inbox-row.entity';

type ChainStep = { stepId: string; name: string; role: string };

const CLOSING: readonly ProposalEvent['type'][] = ['ProposalApproved', 'ProposalReturned', 'ProposalRejected', 'ProposalWithdrawn'];

/** The approvers' inbox: one row per proposal with a PENDING step, keyed by the role that decides it. */
export const approvalInboxProjection: Projection = {
  name: 'approval-inbox.v1',
  handles: ['ProposalSubmitted', 'StepApproved', 'StepOverdue', ...CLOSING],
  entities: [InboxRow],
  async apply(recorded: RecordedEvent, tx: EntityManager): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as ProposalEvent;
    const proposalId = event.data.proposalId;
    if (event.type === 'ProposalSubmitted') {
      const [first] = event.data.steps;
      const chain: ChainStep[] = event.data.steps.map(({ stepId, name, role }) => ({ stepId, name, role }));
      await tx.save(InboxRow, { proposalId, stepId: first.stepId, stepName: first.name, role: first.role, dueDate: first.dueDate ?? '9999-12-31', overdue: false, round: event.data.round, chain: JSON.stringify(chain) });
      return;
    }
    if (CLOSING.includes(event.type)) {
      await tx.delete(InboxRow, { proposalId });
      return;
    }
    const row = await tx.findOneBy(InboxRow, { proposalId });
    if (!row) return;
    if (event.type === 'StepOverdue' && event.data.stepId === row.stepId) {
      await tx.update(InboxRow, { proposalId }, { overdue: true });
    } else if (event.type === 'StepApproved' && event.data.stepId === row.stepId) {
      const next = (JSON.parse(row.chain) as ChainStep[]).find((s) => s.stepId === event.data.nextStepId);
      if (!next) await tx.delete(InboxRow, { proposalId });
      else await tx.update(InboxRow, { proposalId }, { stepId: next.stepId, stepName: next.name, role: next.role, dueDate: event.data.nextStepDueDate ?? '9999-12-31', overdue: false });
    }
  },
};
