import type Database from 'better-sqlite3';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata, QueryRunner } from 'typeorm';
import type { TableRows } from './bulk-fold';
import { quoteIdentifier } from './shadow-tables';

/** Rows per PostgreSQL INSERT … SELECT FROM unnest(…): one array parameter per column, whatever the row count. */
const POSTGRES_ROWS_PER_STATEMENT = 20_000;

function columnValues(runner: QueryRunner, columns: readonly ColumnMetadata[], row: object): unknown[] {
  const driver = runner.connection.driver;
  return columns.map((column) => driver.preparePersistentValue(column.getEntityValue(row), column));
}

/** Column types SQLite binds as they are, when no transformer or embedding is involved. */
const PLAIN_TYPES = new Set<unknown>(['varchar', 'text', 'integer', 'int', 'bigint']);

/** How one column's value is read from a row for SQLite: straight from the property when TypeORM would not change it. */
function sqliteValueOf(runner: QueryRunner, column: ColumnMetadata): (row: object) => unknown {
  const driver = runner.connection.driver;
  if (!column.transformer && !column.embeddedMetadata && PLAIN_TYPES.has(column.type)) {
    const property = column.propertyName;
    return (row) => (row as Record<string, unknown>)[property];
  }
  return (row) => driver.preparePersistentValue(column.getEntityValue(row), column);
}

/**
 * SQLite: one prepared single-row INSERT run per row on the runner's own connection (inside its
 * open transaction); better-sqlite3 runs it synchronously, without TypeORM's per-query overhead,
 * and plain columns skip TypeORM's value preparation.
 */
function sqliteInsert(runner: QueryRunner, table: string, columns: readonly ColumnMetadata[], rows: readonly object[]): void {
  const database = (runner.connection.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
  const names = columns.map((column) => quoteIdentifier(column.databaseName)).join(', ');
  const statement = database.prepare(`INSERT INTO ${table} (${names}) VALUES (${columns.map(() => '?').join(', ')})`);
  const readers = columns.map((column) => sqliteValueOf(runner, column));
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

/** PostgreSQL: column-wise arrays expanded by unnest, so a statement binds one parameter per column. */
async function postgresInsert(runner: QueryRunner, table: string, columns: readonly ColumnMetadata[], rows: readonly object[]): Promise<void> {
  const driver = runner.connection.driver;
  const names = columns.map((column) => quoteIdentifier(column.databaseName)).join(', ');
  const arrays = columns.map((column, i) => `$${i + 1}::${driver.normalizeType(column)}[]`).join(', ');
  const sql = `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})`;
  for (let start = 0; start < rows.length; start += POSTGRES_ROWS_PER_STATEMENT) {
    const parameters: unknown[][] = columns.map(() => []);
    for (const row of rows.slice(start, start + POSTGRES_ROWS_PER_STATEMENT)) {
      columnValues(runner, columns, row).forEach((value, i) => parameters[i].push(value ?? null));
    }
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
