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

  /** The event store the rows were projected from (its store_identity); null only in files written before the binding. */
  @Column({ name: 'store_id', type: 'varchar', length: 64, nullable: true })
  storeId!: string | null;

  /** The store's global chain hash at `position`: a different log at the same position shows here. */
  @Column({ name: 'global_hash', type: 'varchar', length: 64, nullable: true })
  globalHash!: string | null;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
