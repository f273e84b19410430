import type { DataSource } from 'typeorm';
import type { RateDecision } from './rate-limiter';

const WINDOW_MS = 60_000;
const SWEEP_EVERY_MS = 60_000;

/** What the interceptor counts against: one process's memory, or the database all api instances share. */
export interface RateCounter {
  readonly limitPerMinute: number;
  take(key: string): Promise<RateDecision>;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The same fixed one-minute window per key as RateLimiter, counted in a PostgreSQL table so that every
 * api instance behind one address draws on one budget. One statement per request: an upsert that opens
 * a new window when the last one ended and returns the window's count, timed by the database's clock.
 */
export class SharedRateLimiter implements RateCounter {
  private readonly table: string;
  private ready: Promise<void> | undefined;
  private lastSweep = 0;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
    private readonly limiter: string,
    readonly limitPerMinute: number,
  ) {
    this.table = `${quote(schema)}.rate_limit_windows`;
  }

  async take(key: string): Promise<RateDecision> {
    await (this.ready ??= this.createTable());
    const rows = (await this.dataSource.query(
      `INSERT INTO ${this.table} AS w (limiter, key, started_at, count)
         VALUES ($1, $2, (extract(epoch from clock_timestamp()) * 1000)::bigint, 1)
       ON CONFLICT (limiter, key) DO UPDATE SET
         started_at = CASE WHEN w.started_at <= EXCLUDED.started_at - ${WINDOW_MS} THEN EXCLUDED.started_at ELSE w.started_at END,
         count = CASE WHEN w.started_at <= EXCLUDED.started_at - ${WINDOW_MS} THEN 1 ELSE w.count + 1 END
       RETURNING count, started_at + ${WINDOW_MS} - (extract(epoch from clock_timestamp()) * 1000)::bigint AS remaining_ms`,
      [this.limiter, key],
    )) as { count: number | string; remaining_ms: number | string }[];
    const count = Number(rows[0].count);
    const resetSeconds = Math.max(1, Math.ceil(Number(rows[0].remaining_ms) / 1000));
    this.sweepLater();
    if (count > this.limitPerMinute) return { allowed: false, retryAfterSeconds: resetSeconds };
    return { allowed: true, remaining: this.limitPerMinute - count, resetSeconds };
  }

  private async createTable(): Promise<void> {
    try {
      await this.dataSource.query(
        `CREATE TABLE IF NOT EXISTS ${this.table} (limiter varchar(20) NOT NULL, key varchar(300) NOT NULL, started_at bigint NOT NULL, count integer NOT NULL, PRIMARY KEY (limiter, key))`,
      );
    } catch (error) {
      // Two instances creating it at once: the loser sees the winner's table (or its type) already there.
      const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
      if (code !== '23505' && code !== '42P07') {
        this.ready = undefined;
        throw error;
      }
    }
  }

  /** Ended windows are deleted at most once a minute per instance, off the request's path. */
  private sweepLater(): void {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    void this.dataSource
      .query(`DELETE FROM ${this.table} WHERE limiter = $1 AND started_at < (extract(epoch from clock_timestamp()) * 1000)::bigint - ${WINDOW_MS}`, [this.limiter])
      .catch(() => undefined);
  }
}

/** The in-memory RateLimiter behind the same interface (embedded mode: one process). */
export function inMemory(limiter: { limitPerMinute: number; take(key: string): RateDecision }): RateCounter {
  return { limitPerMinute: limiter.limitPerMinute, take: (key) => Promise.resolve(limiter.take(key)) };
}
