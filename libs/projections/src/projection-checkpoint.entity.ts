import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** bigint columns come back as strings from pg; positions stay far below 2^53. */
const positionTransformer = {
  to: (value: number): number => value,
  from: (value: string | number): number => Number(value),
};

@Entity({ name: 'projection_checkpoints' })
export class ProjectionCheckpoint {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  name!: string;

  /** Global position of the last event folded into the projection's rows. */
  @Column({ type: 'bigint', transformer: positionTransformer })
  position!: number;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
