import type { RecordedEvent } from '@reorg/event-store';
import type { Projection } from '@reorg/projections';
import { type EntityManager, In } from 'typeorm';
import type { ProposalEvent } from '@reorg/domain/proposals';
import { ScheduledExecution, StepDeadline } from './schedule.entities';

const HANDLED: readonly ProposalEvent['type'][] = [
  'ProposalSubmitted',
  'StepApproved',
  'ProposalApproved',
  'ProposalReturned',
  'ProposalRejected',
  'ProposalWithdrawn',
  'StepOverdue',
  'ProposalExecuted',
  'ProposalExecutionFailed',
];

async function pendingStep(tx: EntityManager, proposalId: string, stepId: string | undefined, dueDate: string | undefined): Promise<void> {
  if (stepId && dueDate) await tx.save(StepDeadline, { proposalId, stepId, dueDate, status: 'PENDING' });
}

async function closeSteps(tx: EntityManager, proposalId: string, stepIds?: readonly string[]): Promise<void> {
  const rows = await tx.findBy(StepDeadline, { proposalId, status: In(['PENDING', 'OVERDUE']) });
  for (const row of rows) if (!stepIds || stepIds.includes(row.stepId)) await tx.update(StepDeadline, { proposalId, stepId: row.stepId }, { status: 'DECIDED' });
}

/**
 * Where the executor looks for work: approved proposals by effective date, pending steps by due
 * date. Only an index: before acting the executor re-reads the proposal's stream.
 */
export const approvalScheduleProjection: Projection = {
  name: 'approval-schedule.v1',
  handles: HANDLED,
  entities: [ScheduledExecution, StepDeadline],
  async apply(recorded: RecordedEvent, tx: EntityManager): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as ProposalEvent;
    const { proposalId } = event.data;
    switch (event.type) {
      case 'ProposalSubmitted':
        return pendingStep(tx, proposalId, event.data.steps[0]?.stepId, event.data.steps[0]?.dueDate);
      case 'StepApproved':
        await closeSteps(tx, proposalId, [event.data.stepId]);
        return pendingStep(tx, proposalId, event.data.nextStepId, event.data.nextStepDueDate);
      case 'ProposalApproved':
        await closeSteps(tx, proposalId);
        await tx.save(ScheduledExecution, { proposalId, effectiveDate: event.data.decision.effectiveDate, status: 'SCHEDULED' });
        return;
      case 'ProposalReturned':
      case 'ProposalRejected':
      case 'ProposalWithdrawn':
        return closeSteps(tx, proposalId);
      case 'StepOverdue':
        await tx.update(StepDeadline, { proposalId, stepId: event.data.stepId, status: 'PENDING' }, { status: 'OVERDUE' });
        return;
      case 'ProposalExecuted':
        await tx.update(ScheduledExecution, { proposalId }, { status: 'EXECUTED' });
        return;
      case 'ProposalExecutionFailed':
        await tx.update(ScheduledExecution, { proposalId }, { status: 'FAILED' });
        return;
    }
  },
};
