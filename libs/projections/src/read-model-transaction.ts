import type { DataSource, EntityManager } from 'typeorm';
import { SerialQueue } from './serial-queue';

/**
 * TypeORM drives a SQLite database through one shared connection, so concurrent transactions
 * would nest as savepoints of each other: on SQLite they queue behind one another per data source.
 */
const sqliteQueues = new WeakMap<DataSource, SerialQueue>();

function sqliteQueue(dataSource: DataSource): SerialQueue {
  let queue = sqliteQueues.get(dataSource);
  if (!queue) {
    queue = new SerialQueue();
    sqliteQueues.set(dataSource, queue);
  }
  return queue;
}

/** A write transaction on the read-model database; every writer (runner, rebuild) must use this. */
export function readModelTransaction<T>(dataSource: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  const transaction = () => dataSource.transaction(work);
  return dataSource.options.type === 'postgres' ? transaction() : sqliteQueue(dataSource).run(transaction);
}
