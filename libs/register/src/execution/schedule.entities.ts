import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type ScheduledExecutionStatus = 'SCHEDULED' | 'EXECUTED' | 'FAILED';

/** One approved proposal waiting for (or past) its effective date: the executor's work list. */
@Entity({ name: 'scheduled_executions' })
@Index(['status', 'effectiveDate'])
export class ScheduledExecution {
  @PrimaryColumn({ name: 'proposal_id', type: 'varchar', length: 64 })
  proposalId!: string;

  @Column({ name: 'effective_date', type: 'varchar', length: 10 })
  effectiveDate!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: ScheduledExecutionStatus;
}

export type StepDeadlineStatus = 'PENDING' | 'DECIDED' | 'OVERDUE';

/** One pending sign-off step with a due date: the overdue detector's work list. */
@Entity({ name: 'step_deadlines' })
@Index(['status', 'dueDate'])
export class StepDeadline {
  @PrimaryColumn({ name: 'proposal_id', type: 'varchar', length: 64 })
  proposalId!: string;

  @PrimaryColumn({ name: 'step_id', type: 'varchar', length: 64 })
  stepId!: string;

  @Column({ name: 'due_date', type: 'varchar', length: 10 })
  dueDate!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: StepDeadlineStatus;
}
