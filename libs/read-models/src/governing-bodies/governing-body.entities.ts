import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** bigint columns come back as strings from pg; positions stay far below 2^53. */
const numeric = { to: (value: number): number => value, from: (value: string | number): number => Number(value) };

/** Every event of a body's stream, so that its periods can be recomputed when a dated change arrives out of order. */
@Entity({ name: 'governing_body_events' })
export class GoverningBodyEventRow {
  @PrimaryColumn({ type: 'bigint', transformer: numeric })
  position!: number;

  @Index()
  @Column({ name: 'body_id', type: 'varchar', length: 64 })
  bodyId!: string;

  @Column({ type: 'varchar', length: 100 })
  type!: string;

  @Column({ type: 'text' })
  data!: string;
}

/** A body as it stood from `validFrom` (inclusive) to `validTo` (exclusive; null = still). */
@Entity({ name: 'governing_body_periods' })
@Index(['validFrom', 'validTo'])
export class GoverningBodyPeriodRow {
  @PrimaryColumn({ name: 'body_id', type: 'varchar', length: 64 })
  bodyId!: string;

  @PrimaryColumn({ name: 'valid_from', type: 'varchar', length: 10 })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'varchar', length: 10, nullable: true })
  validTo!: string | null;

  @Index()
  @Column({ type: 'varchar', length: 200 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  system!: string;

  @Column({ type: 'varchar', length: 20 })
  level!: string;

  @Column({ name: 'parent_id', type: 'varchar', length: 64, nullable: true })
  parentId!: string | null;

  @Column({ type: 'varchar', length: 20 })
  status!: string;

  @Column({ name: 'abolished_on', type: 'varchar', length: 10, nullable: true })
  abolishedOn!: string | null;

  /** Another province's register the body belongs to then (null: this register's). */
  @Column({ type: 'varchar', length: 50, nullable: true })
  province!: string | null;

  /** The former province whose territory the body serves (null: this register's own). */
  @Column({ type: 'varchar', length: 50, nullable: true })
  territory!: string | null;
}
