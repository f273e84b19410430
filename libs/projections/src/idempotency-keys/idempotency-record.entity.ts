import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One Idempotency-Key of one caller: claimed while its request runs, then the response to replay. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyRecord {
  /** The token's `sub`: keys of different callers never meet. */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  scope!: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 255 })
  key!: string;

  /** SHA-256 of method, URL and canonical body. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;

  /** Random per claim: only the claimant completes or releases it. */
  @Column({ name: 'claim_token', type: 'varchar', length: 64 })
  claimToken!: string;

  @Column({ type: 'varchar', length: 10 })
  state!: 'PENDING' | 'DONE';

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody!: string | null;

  /** Epoch milliseconds of the claim, to take over a claim whose process died. */
  @Column({ name: 'claimed_at', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  claimedAt!: number;
}
