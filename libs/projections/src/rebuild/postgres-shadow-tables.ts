import { DataSource, type EntityMetadata, type QueryRunner } from 'typeorm';
import type { ProjectionEntity } from '../projection';
import { initializeReadModelDataSource, readModelDataSourceOptions } from '../read-model-database';
import { type ShadowTables, quoteIdentifier } from './shadow-tables';

export const POSTGRES_SHADOW_SUFFIX = '__rebuild';

/**
 * PostgreSQL: shadow tables are the same entities synchronized into a shadow schema
 * (`<schema>__rebuild`), loaded without their secondary indexes (built once at the swap); the swap drops each live table and moves the shadow one into the live
 * schema (ALTER TABLE … SET SCHEMA), all inside one transaction. Queries blocked by the swap's
 * locks resolve the table name again after it commits and read the new table.
 */
export class PostgresShadowTables implements ShadowTables {
  readonly checkpointTable: string;

  private constructor(
    readonly dataSource: DataSource,
    private readonly liveSchema: string,
    private readonly shadowSchema: string,
    /** CREATE INDEX statements of the shadow tables' secondary indexes, dropped for the load and run at the swap. */
    private readonly deferredIndexes: readonly string[],
  ) {
    this.checkpointTable = `${quoteIdentifier(liveSchema)}.${quoteIdentifier('projection_checkpoints')}`;
  }

  static async create(databaseUrl: string, schema: string | undefined, entities: readonly ProjectionEntity[]): Promise<PostgresShadowTables> {
    const liveSchema = schema ?? 'public';
    const shadowSchema = `${liveSchema}${POSTGRES_SHADOW_SUFFIX}`;
    const options = readModelDataSourceOptions({ kind: 'postgres', databaseUrl, schema: shadowSchema }, entities);
    const dataSource = new DataSource(options);
    await dataSource.initialize();
    await dataSource.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(shadowSchema)} CASCADE`);
    await dataSource.destroy();
    const shadow = await initializeReadModelDataSource(new DataSource(options), { schema: shadowSchema });
    try {
      return new PostgresShadowTables(shadow, liveSchema, shadowSchema, await PostgresShadowTables.dropSecondaryIndexes(shadow, shadowSchema));
    } catch (error) {
      await shadow.destroy();
      throw error;
    }
  }

  /** Drops the indexes that back no constraint (primary keys and unique constraints stay) and returns their definitions. */
  private static async dropSecondaryIndexes(dataSource: DataSource, schema: string): Promise<string[]> {
    const indexes: { indexname: string; indexdef: string }[] = await dataSource.query(
      `SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = $1
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = $1::regnamespace)`,
      [schema],
    );
    for (const index of indexes) await dataSource.query(`DROP INDEX ${quoteIdentifier(schema)}.${quoteIdentifier(index.indexname)}`);
    return indexes.map((index) => index.indexdef);
  }

  shadowTable(metadata: EntityMetadata): string {
    return `${quoteIdentifier(this.shadowSchema)}.${quoteIdentifier(metadata.tableName)}`;
  }

  async swapIn(runner: QueryRunner): Promise<void> {
    for (const definition of this.deferredIndexes) await runner.query(definition);
    for (const metadata of this.dataSource.entityMetadatas) {
      await runner.query(`DROP TABLE ${quoteIdentifier(this.liveSchema)}.${quoteIdentifier(metadata.tableName)}`);
      await runner.query(`ALTER TABLE ${this.shadowTable(metadata)} SET SCHEMA ${quoteIdentifier(this.liveSchema)}`);
    }
  }

  async dispose(): Promise<void> {
    try {
      await this.dataSource.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(this.shadowSchema)} CASCADE`);
    } finally {
      await this.dataSource.destroy();
    }
  }
}
