import type { EventStore, RecordedEvent } from '@reorg/event-store';
import type { QueryRunner } from 'typeorm';
import type { Projection } from '../projection';
import type { ReadModelDatabaseOptions } from '../read-model-database';
import type { BulkFoldFactory } from './bulk-fold';
import { PostgresShadowTables } from './postgres-shadow-tables';
import type { ShadowTables } from './shadow-tables';
import { ApplyShadowWriter, BulkShadowWriter, type ShadowWriter } from './shadow-writer';
import { SqliteShadowTables } from './sqlite-shadow-tables';

export interface RebuildTarget {
  projection: Projection;
  /** In-memory fold producing the same rows as `apply`; without one the rebuild replays `apply`. */
  bulkFold?: BulkFoldFactory;
}

export interface RebuildProgress {
  projection: string;
  /** Last global position written to the shadow tables. */
  position: number;
  /** The store's safe head when the rebuild started (grows no further for the bar). */
  head: number;
  events: number;
}

export interface RebuildOptions {
  store: EventStore;
  database: Pick<ReadModelDatabaseOptions, 'kind' | 'sqlitePath' | 'databaseUrl' | 'schema'>;
  /** Events per read from the store. Default 10,000. */
  readBatch?: number;
  /** Events per shadow-table transaction. Default 100,000 with a bulk fold, 5,000 with `apply`. */
  transactionEvents?: number;
  onProgress?: (progress: RebuildProgress) => void;
}

export interface RebuildResult {
  projection: string;
  /** The projection's checkpoint after the swap. */
  position: number;
  events: number;
  seconds: number;
}

function openShadow(options: RebuildOptions, projection: Projection): Promise<ShadowTables> {
  const { database } = options;
  if (database.kind === 'sqlite') {
    if (!database.sqlitePath) throw new Error('rebuild: kind sqlite needs sqlitePath');
    return SqliteShadowTables.create(database.sqlitePath, projection.entities);
  }
  if (!database.databaseUrl) throw new Error('rebuild: kind postgres needs databaseUrl');
  return PostgresShadowTables.create(database.databaseUrl, database.schema, projection.entities);
}

async function inTransaction<T>(shadow: ShadowTables, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const runner = shadow.dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    const result = await work(runner);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

/** Holds the live checkpoint row until commit (the SQLite write lock; FOR UPDATE on PostgreSQL). */
async function lockCheckpoint(runner: QueryRunner, table: string, name: string): Promise<number> {
  if (runner.connection.options.type === 'postgres') {
    await runner.query(`INSERT INTO ${table} (name, position) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING`, [name]);
    const [row] = await runner.query(`SELECT position FROM ${table} WHERE name = $1 FOR UPDATE`, [name]);
    return Number(row.position);
  }
  await runner.query(`INSERT OR IGNORE INTO ${table} (name, position) VALUES (?, 0)`, [name]);
  const [row] = await runner.query(`SELECT position FROM ${table} WHERE name = ?`, [name]);
  return Number(row.position);
}

/** False when the live checkpoint names another store (or none, written before the binding). */
async function boundToThisStore(runner: QueryRunner, table: string, name: string, storeId: string): Promise<boolean> {
  const postgres = runner.connection.options.type === 'postgres';
  const [row] = (await runner.query(`SELECT store_id FROM ${table} WHERE name = ${postgres ? '$1' : '?'}`, [name])) as { store_id: string | null }[];
  return row?.store_id === storeId;
}

/** The checkpoint after the swap, bound to the store it was replayed from (ADR 0017). */
async function saveCheckpoint(runner: QueryRunner, table: string, name: string, position: number, globalHash: string | null, storeId: string): Promise<void> {
  const postgres = runner.connection.options.type === 'postgres';
  const [p1, p2, p3, p4] = postgres ? ['$1', '$2', '$3', '$4'] : ['?', '?', '?', '?'];
  await runner.query(`UPDATE ${table} SET position = ${p1}, global_hash = ${p2}, store_id = ${p3}, updated_at = CURRENT_TIMESTAMP WHERE name = ${p4}`, [position, globalHash, storeId, name]);
}

/**
 * Replays the global log from position 0 into fresh (shadow) tables while queries keep reading
 * the live ones, then, in one transaction that holds the projection's checkpoint, catches up with
 * the events appended meanwhile, swaps the tables in and moves the checkpoint. A live runner then
 * continues from that checkpoint (its next batch skips what the rebuild already folded).
 */
export async function rebuildProjection(target: RebuildTarget, options: RebuildOptions): Promise<RebuildResult> {
  const { projection } = target;
  const started = performance.now();
  const readBatch = options.readBatch ?? 10_000;
  const transactionEvents = options.transactionEvents ?? (target.bulkFold ? 100_000 : 5_000);
  const head = await options.store.headPosition();
  const storeId = await options.store.storeId();
  let globalHash: string | null = null;
  const shadow = await openShadow(options, projection);
  const writer: ShadowWriter = target.bulkFold ? new BulkShadowWriter(target.bulkFold(), shadow) : new ApplyShadowWriter(projection);
  let position = 0;
  let events = 0;
  const report = () => options.onProgress?.({ projection: projection.name, position, head, events });
  /** Reads and writes pages until the log is exhausted or `limit` events were written. */
  const replay = async (runner: QueryRunner, limit: number): Promise<boolean> => {
    for (let written = 0; written < limit; ) {
      const page: RecordedEvent[] = await options.store.readAll({ after: position, maxCount: readBatch });
      if (page.length === 0) return true;
      await writer.write(runner, page);
      position = page[page.length - 1].position;
      globalHash = page[page.length - 1].globalHash;
      events += page.length;
      written += page.length;
      report();
    }
    return false;
  };
  try {
    for (let exhausted = false; !exhausted; ) exhausted = await inTransaction(shadow, (runner) => replay(runner, transactionEvents));
    await inTransaction(shadow, async (runner) => {
      const live = await lockCheckpoint(runner, shadow.checkpointTable, projection.name);
      await replay(runner, Number.POSITIVE_INFINITY);
      // A live checkpoint ahead is a running projector's (same store) or one of another store (re-bound here).
      const bound = await boundToThisStore(runner, shadow.checkpointTable, projection.name, storeId);
      if (position < live && bound) throw new Error(`rebuild of ${projection.name}: reached ${position}, below the live checkpoint ${live}`);
      await writer.finish(runner);
      await shadow.swapIn(runner);
      await saveCheckpoint(runner, shadow.checkpointTable, projection.name, position, globalHash, storeId);
    });
  } finally {
    await shadow.dispose();
  }
  return { projection: projection.name, position, events, seconds: (performance.now() - started) / 1000 };
}
