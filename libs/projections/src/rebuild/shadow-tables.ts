import type { DataSource, EntityMetadata, QueryRunner } from 'typeorm';

/**
 * Fresh tables a rebuild writes while queries keep reading the live ones, and the swap that
 * replaces the live tables with them inside the caller's transaction.
 */
export interface ShadowTables {
  /** Data source whose entities point at the shadow tables (for `Projection.apply`). */
  readonly dataSource: DataSource;
  /** Quoted name of the live checkpoint table. */
  readonly checkpointTable: string;
  /** Quoted name of an entity's shadow table, for bulk SQL. */
  shadowTable(metadata: EntityMetadata): string;
  /** Drops the live tables and puts the shadow ones in their place, inside `runner`'s transaction. */
  swapIn(runner: QueryRunner): Promise<void>;
  /** Removes whatever shadow tables are left (after a failure) and closes the data source. */
  dispose(): Promise<void>;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
