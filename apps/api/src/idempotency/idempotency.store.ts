import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProblemException, messageText } from '@reorg/http';
import { GroupedTransactions } from '@reorg/projections';
import type { DataSource } from 'typeorm';
import { IdempotencyRecord } from '@reorg/projections';

export type Claim =
  | { kind: 'claimed'; scope: string; key: string; token: string }
  | { kind: 'replay'; status: number; body: unknown };

export interface IdempotencyTiming {
  /** How long a repeat waits for the first request with its key to finish. */
  waitMs: number;
  pollMs: number;
  /** A claim not renewed for this long belongs to a process that died: it may be taken over. */
  staleMs: number;
  /** How often a running request renews its claim (well below staleMs). */
  renewMs?: number;
}

// A kill -9 leaves its claims PENDING: retries of those keys wait until the claim is stale, so it is kept short and renewed.
const DEFAULT_TIMING: IdempotencyTiming = { waitMs: 10_000, pollMs: 25, staleMs: 15_000, renewMs: 3_000 };

const reused = () =>
  new ProblemException({
    code: 'IDEMPOTENCY_KEY_REUSED',
    detail: messageText('http.idempotency.reused'),
  });

const stillRunning = () =>
  new ProblemException({
    code: 'CONFLICT',
    detail: messageText('http.idempotency.stillRunning'),
    headers: { 'retry-after': '1' },
  });

/**
 * Durable Idempotency-Key records: claim before running, then complete (replayable) or release (retryable).
 * Writes of concurrent requests share one transaction (group commit): one durable commit per turn, not per statement.
 */
export class IdempotencyStore {
  private readonly writes: GroupedTransactions;

  constructor(
    private readonly dataSource: DataSource,
    private readonly timing: IdempotencyTiming = DEFAULT_TIMING,
  ) {
    this.writes = new GroupedTransactions(dataSource);
  }

  async claim(scope: string, key: string, fingerprint: string): Promise<Claim> {
    const token = randomBytes(16).toString('hex');
    const deadline = Date.now() + this.timing.waitMs;
    for (;;) {
      const record = await this.writes.run(async (tx) => {
        await tx
          .createQueryBuilder()
          .insert()
          .into(IdempotencyRecord)
          .values({ scope, key, fingerprint, claimToken: token, state: 'PENDING', responseStatus: null, responseBody: null, claimedAt: Date.now() })
          .orIgnore()
          .execute();
        return tx.findOneBy(IdempotencyRecord, { scope, key });
      });
      if (!record) continue; // released between our insert and read: claim again
      if (record.claimToken === token) return { kind: 'claimed', scope, key, token };
      if (record.fingerprint !== fingerprint) throw reused();
      if (record.state === 'DONE') return { kind: 'replay', status: record.responseStatus ?? 200, body: JSON.parse(record.responseBody ?? 'null') as unknown };
      if (Date.now() - record.claimedAt > this.timing.staleMs) {
        await this.writes.run((tx) => tx.delete(IdempotencyRecord, { scope, key, claimToken: record.claimToken }));
        continue;
      }
      if (Date.now() > deadline) throw stillRunning();
      await sleep(this.timing.pollMs);
    }
  }

  async complete(claim: Extract<Claim, { kind: 'claimed' }>, status: number, body: unknown): Promise<void> {
    await this.writes.run((tx) =>
      tx.update(IdempotencyRecord, { scope: claim.scope, key: claim.key, claimToken: claim.token }, { state: 'DONE', responseStatus: status, responseBody: JSON.stringify(body ?? null) }),
    );
  }

  get renewMs(): number {
    return this.timing.renewMs ?? Math.max(1, Math.floor(this.timing.staleMs / 5));
  }

  /** The claimant still runs: keeps its claim from being taken over as stale. */
  async renew(claim: Extract<Claim, { kind: 'claimed' }>): Promise<void> {
    await this.writes.run((tx) => tx.update(IdempotencyRecord, { scope: claim.scope, key: claim.key, claimToken: claim.token, state: 'PENDING' }, { claimedAt: Date.now() }));
  }

  /** The request failed: it changed nothing, so the key may be used again. */
  async release(claim: Extract<Claim, { kind: 'claimed' }>): Promise<void> {
    await this.writes.run((tx) => tx.delete(IdempotencyRecord, { scope: claim.scope, key: claim.key, claimToken: claim.token }));
  }

  close(): Promise<void> {
    return this.dataSource.isInitialized ? this.dataSource.destroy() : Promise.resolve();
  }
}
