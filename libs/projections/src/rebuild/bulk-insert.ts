import type { EntityMetadata, QueryRunner } from 'typeorm';
import type { TableRows } from './bulk-fold';
import { quoteIdentifier } from './shadow-tables';

/** Below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement. */
const MAX_PARAMETERS = 30_000;

/** Multi-row INSERTs of entity-shaped rows, values converted by the driver as TypeORM would. */
export async function bulkInsert(runner: QueryRunner, table: string, metadata: EntityMetadata, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = metadata.columns;
  const driver = runner.connection.driver;
  const postgres = runner.connection.options.type === 'postgres';
  const names = columns.map((column) => quoteIdentifier(column.databaseName)).join(', ');
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const parameters: unknown[] = [];
    const tuples = chunk.map((row) => {
      const placeholders = columns.map((column) => {
        parameters.push(driver.preparePersistentValue(column.getEntityValue(row), column));
        return postgres ? `$${parameters.length}` : '?';
      });
      return `(${placeholders.join(', ')})`;
    });
    await runner.query(`INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')}`, parameters);
  }
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
