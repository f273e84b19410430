import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { AppConfig } from '@reorg/config';
import { type EventStore, PostgresEventStore, type RecordedEvent, SqliteEventStore } from '@reorg/event-store';
import { ProjectionCheckpoint, type ReadModelDatabaseOptions, openReadModelDataSource } from '@reorg/projections';
import { rebuildProjection } from '@reorg/projections/rebuild';
import { PATIENCE_MS, createThrowawaySchema } from '@reorg/testing';
import { rebuildTargets } from '../../../apps/cli/src/rebuild/rebuild-targets';
import { snapshotTables } from '../rebuild/table-snapshot';

export type Kind = 'SQLite' | 'PostgreSQL';

/** A throwaway event store (and, beside it, room for read models) that the CLI can be pointed at. */
export interface ThrowawayStore {
  kind: Kind;
  open(): Promise<EventStore>;
  /** Environment that points the CLI (and the api) at this store and at read models beside it. */
  env: Record<string, string>;
  /** Read models configured as the api would with `env`. */
  readModels: ReadModelDatabaseOptions;
  dispose(): Promise<void>;
}

export async function throwawayStore(kind: Kind): Promise<ThrowawayStore> {
  if (kind === 'SQLite') {
    const dir = mkdtempSync(join(tmpdir(), 'reorg-backup-'));
    const path = join(dir, 'events.sqlite');
    const readModels = join(dir, 'read-models.sqlite');
    return {
      kind,
      open: async () => SqliteEventStore.open({ path }),
      env: { EVENT_STORE: 'sqlite', DATA_DIR: dir, SQLITE_PATH: path, READ_MODEL_SQLITE_PATH: readModels },
      readModels: { kind: 'sqlite', sqlitePath: readModels },
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = await createThrowawaySchema('backup');
  return {
    kind,
    open: () => PostgresEventStore.connect({ connectionString: schema.connectionString, schema: schema.name }),
    env: { EVENT_STORE: 'postgres', DATABASE_URL: schema.connectionString, DATABASE_SCHEMA: schema.name },
    readModels: { kind: 'postgres', databaseUrl: schema.connectionString, schema: schema.name },
    dispose: () => schema.drop(),
  };
}

/** A read-model database of the given kind, apart from any store. */
export async function throwawayReadModels(kind: Kind): Promise<{ database: ReadModelDatabaseOptions; dispose(): Promise<void> }> {
  if (kind === 'SQLite') {
    const dir = mkdtempSync(join(tmpdir(), 'reorg-backup-reads-'));
    return { database: { kind: 'sqlite', sqlitePath: join(dir, 'read-models.sqlite') }, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = await createThrowawaySchema('backup_reads');
  return { database: { kind: 'postgres', databaseUrl: schema.connectionString, schema: schema.name }, dispose: () => schema.drop() };
}

/** The whole raw log up to `head`, waiting until it is safe to read (PostgreSQL reads only below every in-flight transaction). */
export async function rawLog(store: EventStore, head: number): Promise<RecordedEvent[]> {
  if (!(await store.waitForPosition(head, PATIENCE_MS))) throw new Error(`position ${head} never became readable`);
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAllRaw({ after: events.at(-1)?.position ?? 0, maxCount: 5_000 });
    const within = page.filter((event) => event.position <= head);
    events.push(...within);
    if (within.length < page.length || page.length === 0) return events;
  }
}

// As the CLI configures them in this environment (notifications are rebuilt from the log only without Kafka).
const PROJECTIONS = () => rebuildTargets(AppConfig.fromEnv({ KAFKA_BROKERS: process.env.KAFKA_BROKERS }));

/** JSON text as a value: read models keep event data as the store returned it, and PostgreSQL's jsonb orders keys its own way. */
function parsedJson(value: unknown): unknown {
  if (typeof value !== 'string' || !/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/**
 * Every table of every projection the CLI rebuilds, as rows (JSON text parsed; the checkpoints' update time left out,
 * their store id only as "bound": a restored store is another store, ADR 0017).
 */
export async function readModelTables(database: ReadModelDatabaseOptions): Promise<Record<string, unknown[]>> {
  const dataSource = await openReadModelDataSource(database, PROJECTIONS().map((target) => target.projection));
  try {
    const tables = await snapshotTables(dataSource, dataSource.entityMetadatas);
    for (const [name, rows] of Object.entries(tables)) {
      tables[name] = rows.map((row) => Object.fromEntries(Object.entries(row as object).map(([column, value]) => [column, parsedJson(value)])));
    }
    tables.projection_checkpoints = tables.projection_checkpoints.map((row) => {
      const { store_id: storeId } = row as { store_id: unknown };
      return { ...(row as object), updated_at: undefined, store_id: typeof storeId === 'string' && /^[0-9a-f]{32}$/.test(storeId) ? 'bound' : storeId };
    });
    return tables;
  } finally {
    await dataSource.destroy();
  }
}

/** The checkpoint rows as stored. */
export async function rawCheckpoints(database: ReadModelDatabaseOptions): Promise<ProjectionCheckpoint[]> {
  const dataSource = await openReadModelDataSource(database, []);
  try {
    return await dataSource.manager.find(ProjectionCheckpoint);
  } finally {
    await dataSource.destroy();
  }
}

/** What `npm run cli -- rebuild` does, with the store and the read-model database given apart. */
export async function rebuildAll(store: EventStore, database: ReadModelDatabaseOptions): Promise<void> {
  const targets = PROJECTIONS();
  await (await openReadModelDataSource(database, targets.map((target) => target.projection))).destroy();
  for (const target of targets) await rebuildProjection(target, { store, database });
}

/** The backup's lines, uncompressed. */
export function backupLines(file: string): string[] {
  return gunzipSync(readFileSync(file)).toString('utf8').split('\n').slice(0, -1);
}

export function writeBackupLines(file: string, lines: string[]): void {
  writeFileSync(file, gzipSync(Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8')));
}

export function newEvent(type: string, data: Record<string, string | number>): { eventId: string; type: string; data: Record<string, string | number> } {
  return { eventId: randomUUID(), type, data };
}
