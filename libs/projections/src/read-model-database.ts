import type Database from 'better-sqlite3';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { Projection, ProjectionEntity } from './projection';
import { ProjectionCheckpoint } from './projection-checkpoint.entity';

export interface ReadModelDatabaseOptions {
  kind: 'sqlite' | 'postgres';
  /** SQLite file (required for kind sqlite). Never ':memory:': an in-memory database hid a race. */
  sqlitePath?: string;
  /** PostgreSQL connection string (required for kind postgres). */
  databaseUrl?: string;
  /** PostgreSQL schema holding the read-model tables; created when missing. */
  schema?: string;
  /** Create and alter tables from the entities at start-up (read models are rebuildable). Default true. */
  synchronize?: boolean;
  /** Open the SQLite file read-only, e.g. for queries that must not see a projection's open transaction. */
  readonly?: boolean;
  /**
   * SQLite: sync every commit to disk (synchronous=FULL), for data the log cannot rebuild. By default
   * (synchronous=NORMAL in WAL mode) a power loss may undo the last commits, never corrupt the file:
   * a projection's rows and checkpoint roll back together and are projected again from the event
   * store, which always syncs (FULL); so each commit here skips an fsync on the event loop.
   */
  durable?: boolean;
}

const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export function projectionEntities(projections: readonly Projection[]): ProjectionEntity[] {
  return [ProjectionCheckpoint, ...new Set(projections.flatMap((projection) => projection.entities))];
}

function prepareSqlite(db: Database.Database, readonly: boolean, durable: boolean): void {
  db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  if (!readonly) db.pragma('journal_mode = WAL');
  db.pragma(durable ? 'synchronous = FULL' : 'synchronous = NORMAL');
}

/** TypeORM options for the read-model database; usable by Nest's TypeOrmModule and by CLI tools. */
export function readModelDataSourceOptions(
  options: ReadModelDatabaseOptions,
  entities: readonly ProjectionEntity[],
): DataSourceOptions {
  if (options.kind === 'sqlite') {
    if (!options.sqlitePath) throw new Error('read models: kind sqlite needs sqlitePath');
    if (options.sqlitePath === ':memory:') throw new Error('read models: use a SQLite file, not :memory:');
    const readonly = options.readonly ?? false;
    return {
      type: 'better-sqlite3',
      database: options.sqlitePath,
      readonly,
      timeout: SQLITE_BUSY_TIMEOUT_MS,
      prepareDatabase: (db: Database.Database) => prepareSqlite(db, readonly, options.durable ?? false),
      entities: [...entities],
      synchronize: false,
    };
  }
  if (!options.databaseUrl) throw new Error('read models: kind postgres needs databaseUrl');
  return {
    type: 'postgres',
    url: options.databaseUrl,
    schema: options.schema,
    entities: [...entities],
    synchronize: false,
  };
}

/**
 * Initializes the data source, creating the PostgreSQL schema first when one is named and then
 * synchronizing tables (TypeORM's own synchronize would run before the schema exists).
 */
export async function initializeReadModelDataSource(
  dataSource: DataSource,
  options: Pick<ReadModelDatabaseOptions, 'schema' | 'synchronize' | 'readonly'>,
): Promise<DataSource> {
  await dataSource.initialize();
  try {
    if (options.readonly || options.synchronize === false) return dataSource;
    if (dataSource.options.type === 'postgres' && options.schema) {
      await synchronizePostgresOnce(dataSource, options.schema);
    } else {
      await dataSource.synchronize();
    }
    return dataSource;
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

/** The event store creates the same schema under its own lock: losing that race is fine. */
function unlessSchemaExists(error: unknown): void {
  const code = (error as { code?: string }).code;
  if (code !== '23505' && code !== '42P06') throw error;
}

/**
 * Processes starting together (api, projector, approval, notifier on one schema) would race on
 * CREATE SCHEMA and CREATE TABLE; a session advisory lock per schema lets one at a time through.
 */
async function synchronizePostgresOnce(dataSource: DataSource, schema: string): Promise<void> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`reorg-read-models:${schema}`]);
    try {
      await lock.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replaceAll('"', '""')}"`).catch(unlessSchemaExists);
      await dataSource.synchronize();
    } finally {
      await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [`reorg-read-models:${schema}`]);
    }
  } finally {
    await lock.release();
  }
}

export function openReadModelDataSource(
  options: ReadModelDatabaseOptions,
  projections: readonly Projection[],
): Promise<DataSource> {
  const dataSource = new DataSource(readModelDataSourceOptions(options, projectionEntities(projections)));
  return initializeReadModelDataSource(dataSource, options);
}

/**
 * The data source queries should read through. SQLite: a second, read-only connection to the same
 * file, so reads neither queue behind the projection's write transactions on the shared connection
 * nor see them half applied (WAL lets readers run beside the writer); the caller destroys it.
 * PostgreSQL: the given data source (its pool already gives each transaction its own connection).
 */
export async function openQueryDataSource(dataSource: DataSource): Promise<DataSource> {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource;
  const reader = new DataSource({ ...dataSource.options, readonly: true, prepareDatabase: (db: Database.Database) => prepareSqlite(db, true, false) });
  return reader.initialize();
}
