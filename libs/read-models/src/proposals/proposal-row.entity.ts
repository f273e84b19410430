import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

const numeric = { to: (value: number): number => value, from: (value: string | number): number => Number(value) };

/** One proposal in the proposals list: filter columns plus its folded state (JSON) to show. */
@Entity({ name: 'proposal_list' })
export class ProposalRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Index()
  @Column({ type: 'varchar', length: 20 })
  status!: string;

  @Index()
  @Column({ name: 'governing_body_id', type: 'varchar', length: 64 })
  governingBodyId!: string;

  /** Global position of the ProposalDrafted event: newest first means highest first. */
  @Index()
  @Column({ name: 'drafted_position', type: 'bigint', transformer: numeric })
  draftedPosition!: number;

  @Column({ type: 'text' })
  state!: string;
}
