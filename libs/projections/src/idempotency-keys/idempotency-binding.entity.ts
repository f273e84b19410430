import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The one event store whose commands the stored Idempotency-Key answers came from (ADR 0017). */
@Entity({ name: 'idempotency_binding' })
export class IdempotencyBinding {
  @PrimaryColumn({ type: 'integer' })
  singleton!: number;

  @Column({ name: 'store_id', type: 'varchar', length: 64 })
  storeId!: string;
}
