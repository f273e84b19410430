import type Database from 'better-sqlite3';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata, QueryRunner } from 'typeorm';
import type { TableRows } from './bulk-fold';
import { quoteIdentifier } from './shadow-tables';

/** Rows per PostgreSQL INSERT … SELECT FROM unnest(…): one array parameter per column, whatever the row count. */
const POSTGRES_ROWS_PER_STATEMENT = 20_000;

/** Column types the driver binds as they are, when no transformer or embedding is involved. */
const PLAIN_TYPES = new Set<unknown>(['varchar', 'text', 'integer', 'int', 'bigint']);
const POSTGRES_PLAIN_TYPES = new Set<unknown>([...PLAIN_TYPES, 'boolean']);

/** How one column's value is read from a row: straight from the property when TypeORM would not change it. */
function valueOf(runner: QueryRunner, column: ColumnMetadata, plainTypes: ReadonlySet<unknown> = PLAIN_TYPES): (row: object) => unknown {
  const driver = runner.connection.driver;
  if (!column.transformer && !column.embeddedMetadata && plainTypes.has(column.type)) {
    const property = column.propertyName;
    return (row) => (row as Record<string, unknown>)[property];
  }
  return (row) => driver.preparePersistentValue(column.getEntityValue(row), column);
}

/**
 * SQLite: one prepared single-row INSERT run per row on the runner's own connection (inside its
 * open transaction); better-sqlite3 runs it synchronously, without TypeORM's per-query overhead,
 * and plain columns skip TypeORM's value preparation. (Multi-row statements and a bigger page
 * cache were measured in issue 17, round 2: no gain beside the run-to-run noise, the cost being
 * SQLite's own B-tree work; see docs/performance/rebuild.md.)
 */
function sqliteInsert(runner: QueryRunner, table: string, columns: readonly ColumnMetadata[], rows: readonly object[]): void {
  const database = (runner.connection.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
  const names = columns.map((column) => quoteIdentifier(column.databaseName)).join(', ');
  const statement = database.prepare(`INSERT INTO ${table} (${names}) VALUES (${columns.map(() => '?').join(', ')})`);
  const readers = columns.map((column) => valueOf(runner, column));
  const values: unknown[] = new Array(columns.length);
  for (const row of rows) {
    for (let i = 0; i < readers.length; i++) {
      const value = readers[i](row);
      // better-sqlite3 binds neither booleans nor undefined.
      values[i] = value === undefined ? null : typeof value === 'boolean' ? Number(value) : value;
    }
    statement.run(values);
  }
}

/** PostgreSQL: column-wise arrays expanded by unnest, so a statement binds one parameter per column; plain columns read straight from the rows. */
async function postgresInsert(runner: QueryRunner, table: string, columns: readonly ColumnMetadata[], rows: readonly object[]): Promise<void> {
  const driver = runner.connection.driver;
  const names = columns.map((column) => quoteIdentifier(column.databaseName)).join(', ');
  const arrays = columns.map((column, i) => `$${i + 1}::${driver.normalizeType(column)}[]`).join(', ');
  const sql = `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})`;
  const readers = columns.map((column) => valueOf(runner, column, POSTGRES_PLAIN_TYPES));
  for (let start = 0; start < rows.length; start += POSTGRES_ROWS_PER_STATEMENT) {
    const end = Math.min(rows.length, start + POSTGRES_ROWS_PER_STATEMENT);
    const parameters = readers.map((read) => {
      const values: unknown[] = new Array(end - start);
      for (let r = start; r < end; r++) values[r - start] = read(rows[r]) ?? null;
      return values;
    });
    await runner.query(sql, parameters);
  }
}

/** Inserts entity-shaped rows, values converted by the driver as TypeORM would. */
export async function bulkInsert(runner: QueryRunner, table: string, metadata: EntityMetadata, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  if (runner.connection.options.type === 'postgres') await postgresInsert(runner, table, metadata.columns, rows);
  else sqliteInsert(runner, table, metadata.columns, rows);
}

export async function insertTableRows(runner: QueryRunner, tables: readonly TableRows[], shadowTable: (metadata: EntityMetadata) => string): Promise<number> {
  let count = 0;
  for (const { entity, rows } of tables) {
    const metadata = runner.connection.getMetadata(entity);
    await bulkInsert(runner, shadowTable(metadata), metadata, rows);
    count += rows.length;
  }
  return count;
}
