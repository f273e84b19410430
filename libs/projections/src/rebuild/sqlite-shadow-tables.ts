import { DataSource, type EntityMetadata, type QueryRunner } from 'typeorm';
import type { ProjectionEntity } from '../projection';
import { readModelDataSourceOptions } from '../read-model-database';
import { type ShadowTables, quoteIdentifier } from './shadow-tables';

export const SQLITE_SHADOW_PREFIX = 'rebuild__';

interface SchemaRow {
  type: 'table' | 'index';
  name: string;
  sql: string;
}

/** Replaces the first occurrence of a quoted name in a CREATE statement. */
function renamed(sql: string, from: string, to: string): string {
  const quoted = quoteIdentifier(from);
  const at = sql.indexOf(quoted);
  if (at < 0) throw new Error(`rebuild: cannot find ${quoted} in ${sql}`);
  return sql.slice(0, at) + quoteIdentifier(to) + sql.slice(at + quoted.length);
}

/**
 * SQLite: shadow tables live in the same file under a prefix (`rebuild__units`), created from the
 * live tables' own DDL, so the swap is DROP + ALTER TABLE RENAME in one transaction. The shadow
 * tables are loaded without secondary indexes (cheaper to build once than to maintain row by row);
 * the live index definitions are created on them, under their own names, at the swap.
 */
export class SqliteShadowTables implements ShadowTables {
  readonly checkpointTable = quoteIdentifier('projection_checkpoints');

  private constructor(
    readonly dataSource: DataSource,
    private readonly liveSchema: Map<string, SchemaRow[]>,
  ) {}

  static async create(sqlitePath: string, entities: readonly ProjectionEntity[]): Promise<SqliteShadowTables> {
    const options = readModelDataSourceOptions({ kind: 'sqlite', sqlitePath }, entities);
    const dataSource = await new DataSource({ ...options, entityPrefix: SQLITE_SHADOW_PREFIX }).initialize();
    try {
      const liveSchema = new Map<string, SchemaRow[]>();
      for (const metadata of dataSource.entityMetadatas) {
        const live = metadata.tableName.slice(SQLITE_SHADOW_PREFIX.length);
        const rows: SchemaRow[] = await dataSource.query(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY type DESC`, [live]);
        if (!rows.some((row) => row.type === 'table')) throw new Error(`rebuild: live table ${live} does not exist (start the app once to create it)`);
        liveSchema.set(live, rows);
      }
      const shadow = new SqliteShadowTables(dataSource, liveSchema);
      await shadow.createShadowTables();
      return shadow;
    } catch (error) {
      await dataSource.destroy();
      throw error;
    }
  }

  shadowTable(metadata: EntityMetadata): string {
    return quoteIdentifier(metadata.tableName);
  }

  async swapIn(runner: QueryRunner): Promise<void> {
    for (const [live, rows] of this.liveSchema) {
      await runner.query(`DROP TABLE ${quoteIdentifier(live)}`);
      await runner.query(`ALTER TABLE ${quoteIdentifier(SQLITE_SHADOW_PREFIX + live)} RENAME TO ${quoteIdentifier(live)}`);
      for (const index of rows.filter((row) => row.type === 'index')) await runner.query(index.sql);
    }
  }

  async dispose(): Promise<void> {
    try {
      await this.dropShadowTables();
    } finally {
      await this.dataSource.destroy();
    }
  }

  private async createShadowTables(): Promise<void> {
    await this.dropShadowTables();
    for (const [live, rows] of this.liveSchema) {
      const shadow = SQLITE_SHADOW_PREFIX + live;
      for (const row of rows.filter((r) => r.type === 'table')) await this.dataSource.query(renamed(row.sql, live, shadow));
    }
  }

  private async dropShadowTables(): Promise<void> {
    for (const live of this.liveSchema.keys()) await this.dataSource.query(`DROP TABLE IF EXISTS ${quoteIdentifier(SQLITE_SHADOW_PREFIX + live)}`);
  }
}
