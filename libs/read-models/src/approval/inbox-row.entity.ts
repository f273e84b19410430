import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A proposal whose current step is PENDING: who may decide it and by when. Gone once the step is decided. */
@Entity({ name: 'approval_inbox' })
@Index(['role', 'dueDate'])
export class InboxRow {
  @PrimaryColumn({ name: 'proposal_id', type: 'varchar', length: 64 })
  proposalId!: string;

  @Column({ name: 'step_id', type: 'varchar', length: 64 })
  stepId!: string;

  @Column({ name: 'step_name', type: 'varchar', length: 500 })
  stepName!: string;

  @Column({ type: 'varchar', length: 40 })
  role!: string;

  @Column({ name: 'due_date', type: 'varchar', length: 10 })
  dueDate!: string;

  /** A StepOverdue was recorded for the step. */
  @Column({ type: 'boolean', default: false })
  overdue!: boolean;

  @Column({ type: 'integer' })
  round!: number;

  /** The round's frozen chain `[{ stepId, name, role }]` (JSON), to know who decides the next step. */
  @Column({ type: 'text' })
  chain!: string;
}
