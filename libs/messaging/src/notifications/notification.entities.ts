import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A message to an approver role (a pending or overdue step) or to a person (the proposer). */
@Entity({ name: 'notifications' })
@Index(['recipientRole'])
@Index(['recipientSub'])
export class NotificationRow {
  /** `<source event id>:<recipient>`: one notification per event and recipient. */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  @Column({ name: 'source_event_id', type: 'varchar', length: 64 })
  sourceEventId!: string;

  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  @Column({ name: 'recipient_role', type: 'varchar', length: 60, nullable: true })
  recipientRole!: string | null;

  @Column({ name: 'recipient_sub', type: 'varchar', length: 200, nullable: true })
  recipientSub!: string | null;

  @Column({ name: 'proposal_id', type: 'varchar', length: 100 })
  proposalId!: string;

  @Column({ name: 'step_id', type: 'varchar', length: 100, nullable: true })
  stepId!: string | null;

  @Column({ name: 'due_date', type: 'varchar', length: 10, nullable: true })
  dueDate!: string | null;

  @Column({ type: 'text' })
  message!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 40 })
  createdAt!: string;

  /** When the step was decided or cancelled: the notification no longer asks for action. */
  @Column({ name: 'resolved_at', type: 'varchar', length: 40, nullable: true })
  resolvedAt!: string | null;
}

/** Steps of submitted rounds (role and name), needed to address the next step's notification. */
@Entity({ name: 'notification_steps' })
export class NotificationStepRow {
  @PrimaryColumn({ name: 'proposal_id', type: 'varchar', length: 100 })
  proposalId!: string;

  @PrimaryColumn({ name: 'step_id', type: 'varchar', length: 100 })
  stepId!: string;

  @Column({ type: 'varchar', length: 60 })
  role!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;
}

/** Messages a consumer has applied, by event id: written in the same transaction as their effect. */
@Entity({ name: 'messaging_inbox' })
export class InboxRow {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  consumer!: string;

  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 64 })
  eventId!: string;

  @Column({ name: 'received_at', type: 'varchar', length: 40 })
  receivedAt!: string;
}

export const NOTIFICATION_ENTITIES = [NotificationRow, NotificationStepRow, InboxRow];
