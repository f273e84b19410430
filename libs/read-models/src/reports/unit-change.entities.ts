import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** bigint columns come back as strings from pg; positions stay far below 2^53. */
const numeric = { to: (value: number): number => value, from: (value: string | number): number => Number(value) };

/**
 * One unit event as the reports need it: which operation of which decision it carries, when it
 * takes effect and when the register learned it (so a report can be asked "as known at").
 * Annulments are rows too (`eventType` UnitDecisionAnnulled, `decisionKey` the annulled decision).
 */
@Entity({ name: 'report_unit_changes' })
@Index('ix_report_unit_changes_effective', ['effectiveDate', 'recordedAt'])
@Index('ix_report_unit_changes_type', ['eventType', 'recordedAt'])
/** Is this change annulled later? (the report's decision counts probe it once per change). */
@Index('ix_report_unit_changes_annulment', ['eventType', 'unitId', 'decisionKey', 'position'])
export class ReportUnitChangeRow {
  @PrimaryColumn({ type: 'bigint', transformer: numeric })
  position!: number;

  @Column({ name: 'unit_id', type: 'varchar', length: 64 })
  unitId!: string;

  @Column({ name: 'event_type', type: 'varchar', length: 100 })
  eventType!: string;

  /** The operation type the event carries out; null for baseline registrations and annulments. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  operation!: string | null;

  @Column({ name: 'decision_key', type: 'varchar', length: 300, nullable: true })
  decisionKey!: string | null;

  @Column({ name: 'effective_date', type: 'varchar', length: 10 })
  effectiveDate!: string;

  /** ISO-8601 UTC, as `unit_versions.recorded_from`. */
  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt!: string;
}
