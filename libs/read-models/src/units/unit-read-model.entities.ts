import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** bigint columns come back as strings from pg; positions stay far below 2^53. */
const numeric = { to: (value: number | null): number | null => value, from: (value: string | number | null): number | null => (value === null ? null : Number(value)) };

/** Every unit event (its data), so that a unit's timeline is rebuilt without reading the event store. */
@Entity({ name: 'unit_events' })
export class UnitEventRow {
  @PrimaryColumn({ type: 'bigint', transformer: numeric })
  position!: number;

  @Index()
  @Column({ name: 'unit_id', type: 'varchar', length: 64 })
  unitId!: string;

  @Column({ type: 'varchar', length: 100 })
  type!: string;

  @Column({ type: 'text' })
  data!: string;
}

/**
 * One version of a unit, bitemporal: in force from `validFrom` (inclusive) to `validTo`
 * (exclusive; null = still), as the register knew it from `recordedFrom` (inclusive) to
 * `recordedTo` (exclusive; null = current knowledge). Dates and instants are ISO strings, which
 * compare correctly as strings on both databases.
 */
@Entity({ name: 'unit_versions' })
@Index('ix_unit_versions_current', ['recordedTo', 'validFrom', 'validTo'])
@Index('ix_unit_versions_known', ['validFrom', 'validTo', 'recordedFrom', 'recordedTo'])
@Index('ix_unit_versions_unit', ['unitId', 'recordedTo'])
/** The reduction report's sectors present: a walk over the distinct sectors, one probe each. */
@Index('ix_unit_versions_sector', ['sector', 'recordedTo'])
export class UnitVersionRow {
  @PrimaryColumn({ name: 'unit_id', type: 'varchar', length: 64 })
  unitId!: string;

  @PrimaryColumn({ name: 'valid_from', type: 'varchar', length: 10 })
  validFrom!: string;

  /** Global position of the event whose recording made this version known. */
  @PrimaryColumn({ name: 'recorded_from_position', type: 'bigint', transformer: numeric })
  recordedFromPosition!: number;

  @Column({ name: 'valid_to', type: 'varchar', length: 10, nullable: true })
  validTo!: string | null;

  @Column({ name: 'recorded_from', type: 'varchar', length: 30 })
  recordedFrom!: string;

  @Column({ name: 'recorded_to', type: 'varchar', length: 30, nullable: true })
  recordedTo!: string | null;

  @Column({ name: 'recorded_to_position', type: 'bigint', nullable: true, transformer: numeric })
  recordedToPosition!: number | null;

  @Index()
  @Column({ type: 'varchar', length: 200 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Code and name folded for `q`: lower case, no diacritics, đ → d. */
  @Column({ type: 'text' })
  search!: string;

  @Column({ type: 'varchar', length: 20 })
  system!: string;

  @Column({ name: 'governing_body_id', type: 'varchar', length: 64 })
  governingBodyId!: string;

  @Column({ type: 'varchar', length: 20 })
  level!: string;

  @Column({ type: 'varchar', length: 40 })
  sector!: string;

  @Column({ name: 'autonomy_group', type: 'varchar', length: 10 })
  autonomyGroup!: string;

  @Column({ name: 'staffing_quota', type: 'integer' })
  staffingQuota!: number;

  @Column({ name: 'basic_essential_service', type: 'boolean', nullable: true })
  basicEssentialService!: boolean | null;

  @Column({ type: 'varchar', length: 20 })
  status!: string;

  /** Another province's register governing the unit (null: this register's). */
  @Column({ type: 'varchar', length: 50, nullable: true })
  province!: string | null;

  /** The former province whose territory the unit serves (null: this register's own). */
  @Column({ type: 'varchar', length: 50, nullable: true })
  territory!: string | null;

  @Column({ name: 'established_on', type: 'varchar', length: 10 })
  establishedOn!: string;

  @Column({ name: 'ended_on', type: 'varchar', length: 10, nullable: true })
  endedOn!: string | null;

  @Column({ type: 'integer' })
  version!: number;
}

/**
 * A direct link between units across consolidate, absorb, divide and separate. Each unit's own
 * (non-annulled) events contribute the links they name, under `sourceUnitId`, so an annulment
 * removes them by recomputing that unit's contribution; both ends usually contribute the same link.
 */
@Entity({ name: 'unit_lineage' })
export class UnitLineageRow {
  @PrimaryColumn({ name: 'source_unit_id', type: 'varchar', length: 64 })
  sourceUnitId!: string;

  @Index()
  @PrimaryColumn({ name: 'predecessor_id', type: 'varchar', length: 64 })
  predecessorId!: string;

  @Index()
  @PrimaryColumn({ name: 'successor_id', type: 'varchar', length: 64 })
  successorId!: string;

  @Column({ name: 'change_type', type: 'varchar', length: 20 })
  changeType!: string;

  @Column({ name: 'effective_date', type: 'varchar', length: 10 })
  effectiveDate!: string;
}
