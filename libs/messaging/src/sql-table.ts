import type { DataSource } from 'typeorm';

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** A table name qualified with the PostgreSQL schema of the data source, if it has one. */
export function qualifiedTable(dataSource: DataSource, table: string): string {
  const schema = dataSource.options.type === 'postgres' ? dataSource.options.schema : undefined;
  return schema ? `${quote(schema)}.${quote(table)}` : quote(table);
}

/** Positional parameter `n` (1-based) in the data source's dialect. */
export function parameter(dataSource: DataSource, n: number): string {
  return dataSource.options.type === 'postgres' ? `$${n}` : '?';
}
