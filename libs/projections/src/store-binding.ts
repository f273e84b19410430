import type { EventStore } from '@reorg/event-store';
import { type DataSource, In } from 'typeorm';
import type { Projection } from './projection';
import { ProjectionCheckpoint } from './projection-checkpoint.entity';
import { readModelTransaction } from './read-model-transaction';

/** What a process does with read models (or idempotency keys) that do not belong to its event store. */
export type OnStoreMismatch = 'refuse' | 'rebuild';

export interface StoreBindingOptions {
  onMismatch: OnStoreMismatch;
  /** Names the read-model files or schema in messages, e.g. `READ_MODEL_SQLITE_PATH=./data/read-models.sqlite`. */
  readModels: string;
  /** Names the event store in messages, e.g. `SQLITE_PATH=./data/events.sqlite`. */
  eventStore: string;
}

export const DEFAULT_STORE_BINDING: StoreBindingOptions = { onMismatch: 'refuse', readModels: 'the read-model database', eventStore: 'the event store' };

/** The fix named by every refusal. */
export const REBIND_HINT = 'run `npm run cli -- rebuild` with the same settings (it replays this event store into them), or start once with READ_MODELS_ON_MISMATCH=rebuild';

/** Configuration → binding options and the names its messages use. */
export function storeBindingOf(config: {
  eventStore: { kind: 'sqlite'; sqlitePath: string } | { kind: 'postgres'; schema: string };
  readModels: { kind: 'sqlite'; sqlitePath: string } | { kind: 'postgres'; schema: string };
  projections: { onStoreMismatch: OnStoreMismatch };
}): StoreBindingOptions {
  const describe = (store: typeof config.eventStore, file: string) =>
    store.kind === 'sqlite' ? `${file}=${store.sqlitePath}` : `PostgreSQL schema "${store.schema}" (DATABASE_URL, DATABASE_SCHEMA)`;
  return { onMismatch: config.projections.onStoreMismatch, readModels: describe(config.readModels, 'READ_MODEL_SQLITE_PATH'), eventStore: describe(config.eventStore, 'SQLITE_PATH') };
}

export interface CheckpointMismatch {
  projection: string;
  reason: string;
}

/** Start-up refused: read models or idempotency keys of another store (or ahead of this one). */
export class StoreMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreMismatchError';
  }
}

/**
 * Compares each projection's checkpoint with the store: its recorded store id, its position against the
 * store's head, and the global hash recorded at that position against the store's. Checkpoints written
 * before the binding existed (no store id) are adopted when the store has an event at their position.
 */
export async function checkpointMismatches(store: EventStore, dataSource: DataSource, names: readonly string[]): Promise<{ mismatches: CheckpointMismatch[]; legacy: string[] }> {
  const storeId = await store.storeId();
  const head = await store.headPosition();
  const rows = await dataSource.manager.findBy(ProjectionCheckpoint, { name: In([...names]) });
  const mismatches: CheckpointMismatch[] = [];
  const legacy: string[] = [];
  for (const row of rows) {
    const mismatch = (reason: string) => mismatches.push({ projection: row.name, reason });
    if (row.position === 0) continue;
    if (row.storeId !== null && row.storeId !== storeId) {
      mismatch(`projected from event store ${row.storeId}, not from this one (${storeId})`);
      continue;
    }
    if (row.position > head) {
      mismatch(`checkpoint at position ${row.position} is ahead of the store's head ${head}: this store's events up to it would be skipped`);
      continue;
    }
    const hash = await store.globalHashAt(row.position);
    if (hash === undefined) mismatch(`the store has no event at the checkpoint's position ${row.position}`);
    else if (row.globalHash === null) legacy.push(row.name);
    else if (hash !== row.globalHash) mismatch(`the store's global hash at the checkpoint's position ${row.position} is not the one recorded: another log`);
  }
  return { mismatches, legacy };
}

/** Records the store id and the store's global hash at each (unbound) checkpoint of `names`. */
export async function adoptCheckpoints(store: EventStore, dataSource: DataSource, names: readonly string[]): Promise<void> {
  const storeId = await store.storeId();
  const rows = await dataSource.manager.findBy(ProjectionCheckpoint, { name: In([...names]) });
  for (const row of rows) {
    const globalHash = row.position === 0 ? null : ((await store.globalHashAt(row.position)) ?? null);
    await dataSource.manager.update(ProjectionCheckpoint, { name: row.name, position: row.position }, { storeId, globalHash });
  }
}

/**
 * Empties the projections' tables and moves their checkpoints to 0, bound to the store: the runner then
 * replays the whole log into them. One transaction, so a crash leaves either the old rows or none.
 */
export async function resetProjections(store: EventStore, dataSource: DataSource, projections: readonly Projection[], keep: readonly Projection[] = []): Promise<void> {
  const storeId = await store.storeId();
  const kept = new Set(keep.flatMap((projection) => projection.entities));
  const entities = [...new Set(projections.flatMap((projection) => projection.entities))].filter((entity) => !kept.has(entity));
  await readModelTransaction(dataSource, async (tx) => {
    for (const entity of entities) await tx.createQueryBuilder().delete().from(entity).execute();
    await tx.delete(ProjectionCheckpoint, { name: In(projections.map((p) => p.name)) });
    await tx.insert(
      ProjectionCheckpoint,
      projections.map((p) => ({ name: p.name, position: 0, storeId, globalHash: null })),
    );
  });
}

export function mismatchMessage(binding: StoreBindingOptions, mismatches: readonly CheckpointMismatch[]): string {
  return (
    `the read models in ${binding.readModels} do not belong to the event store ${binding.eventStore}:\n` +
    mismatches.map((m) => `  - ${m.projection}: ${m.reason}`).join('\n') +
    `\nRefusing to start (they would serve another store's data and skip this store's events). Fix: ${REBIND_HINT}.`
  );
}
