import type { JsonObject } from '@reorg/event-store';
import type { EntityManager } from 'typeorm';
import { NotificationRow, NotificationStepRow } from './notification.entities';

/** A proposal event as either feed delivers it: the log in-process, or the internal Kafka topic. */
export interface ProposalMessage {
  eventId: string;
  /** The domain event type, e.g. `StepApproved`. */
  type: string;
  data: JsonObject;
  /** When the event was recorded (ISO-8601 UTC). */
  time: string;
}

export const NOTIFICATION_EVENT_TYPES = ['ProposalSubmitted', 'StepApproved', 'ProposalReturned', 'ProposalRejected', 'ProposalWithdrawn', 'StepOverdue'] as const;

interface FrozenStepData {
  stepId: string;
  name: string;
  role: string;
  dueDate?: string;
}

/**
 * Approver notifications from proposal events: a step that becomes pending notifies its role
 * ("proposal X awaits your step, due D"), an overdue step notifies it again, and a decided or
 * cancelled step resolves what was sent about it. Ids derive from the event id, so re-applying
 * an event overwrites rather than doubles.
 */
export async function applyProposalMessage(message: ProposalMessage, tx: EntityManager): Promise<void> {
  const data = message.data;
  const proposalId = String(data.proposalId);
  switch (message.type) {
    case 'ProposalSubmitted': {
      const steps = data.steps as unknown as FrozenStepData[];
      await tx.save(NotificationStepRow, steps.map((step) => ({ proposalId, stepId: step.stepId, role: step.role, name: step.name })));
      const first = steps[0];
      if (first) await notifyPending(tx, message, proposalId, first, first.dueDate ?? null);
      return;
    }
    case 'StepApproved': {
      await resolve(tx, proposalId, [String(data.stepId)], message.time);
      if (typeof data.nextStepId !== 'string') return;
      const next = await tx.findOneBy(NotificationStepRow, { proposalId, stepId: data.nextStepId });
      if (next) await notifyPending(tx, message, proposalId, next, typeof data.nextStepDueDate === 'string' ? data.nextStepDueDate : null);
      return;
    }
    case 'ProposalReturned':
    case 'ProposalRejected':
      await resolve(tx, proposalId, [String(data.stepId), ...(data.cancelledStepIds as string[])], message.time);
      return;
    case 'ProposalWithdrawn':
      await resolve(tx, proposalId, data.cancelledStepIds as string[], message.time);
      return;
    case 'StepOverdue': {
      const step = await tx.findOneBy(NotificationStepRow, { proposalId, stepId: String(data.stepId) });
      if (!step) return;
      await tx.save(NotificationRow, {
        ...row(message, proposalId, step, String(data.dueDate)),
        kind: 'STEP_OVERDUE',
        message: `Proposal ${proposalId}: your step "${step.name}" is overdue (due ${String(data.dueDate)})`,
      });
      return;
    }
  }
}

function notifyPending(tx: EntityManager, message: ProposalMessage, proposalId: string, step: { stepId: string; role: string; name: string }, dueDate: string | null) {
  return tx.save(NotificationRow, {
    ...row(message, proposalId, step, dueDate),
    kind: 'STEP_PENDING',
    message: `Proposal ${proposalId} awaits your step "${step.name}"${dueDate ? `, due ${dueDate}` : ''}`,
  });
}

function row(message: ProposalMessage, proposalId: string, step: { stepId: string; role: string }, dueDate: string | null): Omit<NotificationRow, 'kind' | 'message'> {
  return {
    id: `${message.eventId}:${step.role}`,
    sourceEventId: message.eventId,
    recipientRole: step.role,
    recipientSub: null,
    proposalId,
    stepId: step.stepId,
    dueDate,
    createdAt: message.time,
    resolvedAt: null,
  };
}

async function resolve(tx: EntityManager, proposalId: string, stepIds: string[], at: string): Promise<void> {
  for (const stepId of stepIds) {
    await tx.createQueryBuilder().update(NotificationRow).set({ resolvedAt: at }).where('proposal_id = :proposalId AND step_id = :stepId AND resolved_at IS NULL', { proposalId, stepId }).execute();
  }
}
