import type { DataSource, EntityManager } from 'typeorm';
import { readModelTransaction } from './read-model-transaction';

interface Queued {
  work: (tx: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for small writes on a read-model database: work queued in the same turn of the event
 * loop runs in one transaction (one durable commit instead of one each), each piece in its own
 * savepoint, so a failing piece leaves nothing behind and the others still commit. A piece's
 * promise settles only after the commit.
 */
export class GroupedTransactions {
  private queue: Queued[] = [];
  private scheduled = false;

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await readModelTransaction(this.dataSource, async (tx) => {
        for (const { work } of batch) {
          await tx.query('SAVEPOINT grouped_work');
          try {
            outcomes.push({ ok: true, value: await work(tx) });
          } catch (error) {
            await tx.query('ROLLBACK TO SAVEPOINT grouped_work');
            outcomes.push({ ok: false, error });
          }
          await tx.query('RELEASE SAVEPOINT grouped_work');
        }
      });
    } catch (error) {
      for (const { reject } of batch) reject(error);
      return;
    }
    batch.forEach(({ resolve, reject }, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    });
  }
}
