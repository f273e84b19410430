import type { DataSource, EntityMetadata } from 'typeorm';

/** The table's name, schema-qualified when the entity has one, quoted for SQL. */
export function quotedTable(metadata: EntityMetadata): string {
  return metadata.tablePath.split('.').map((part) => `"${part}"`).join('.');
}

/** Every row of every table of the entities, all columns, ordered by primary key; bigint and boolean normalised. */
export async function snapshotTables(dataSource: DataSource, metadatas: readonly EntityMetadata[]): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const metadata of metadatas) {
    const order = metadata.primaryColumns.map((column) => `"${column.databaseName}"`).join(', ');
    const rows: Record<string, unknown>[] = await dataSource.query(`SELECT * FROM ${quotedTable(metadata)} ORDER BY ${order}`);
    snapshot[metadata.tableName] = rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'bigint' ? Number(value) : value])));
  }
  return snapshot;
}
