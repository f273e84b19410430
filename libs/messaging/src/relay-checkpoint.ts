import { readModelTransaction } from '@reorg/projections';
import type { DataSource } from 'typeorm';
import { parameter, qualifiedTable } from './sql-table';

/**
 * The relay's position in the global log, in its own table of the read-model database. It moves
 * only after the broker acknowledged every message up to that position (at-least-once).
 */
export class RelayCheckpoint {
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    readonly name: string,
  ) {
    this.table = qualifiedTable(dataSource, 'relay_checkpoints');
  }

  async ensureTable(): Promise<void> {
    const ddl = `CREATE TABLE IF NOT EXISTS ${this.table} (name varchar(200) PRIMARY KEY, position bigint NOT NULL)`;
    await readModelTransaction(this.dataSource, (tx) => tx.query(ddl));
  }

  async read(): Promise<number> {
    const rows: Array<{ position: string | number }> = await this.dataSource.query(
      `SELECT position FROM ${this.table} WHERE name = ${parameter(this.dataSource, 1)}`,
      [this.name],
    );
    return rows.length === 0 ? 0 : Number(rows[0].position);
  }

  /** Never moves backwards, so a late save of an older batch cannot undo a newer one. */
  async save(position: number): Promise<void> {
    const [p1, p2] = [parameter(this.dataSource, 1), parameter(this.dataSource, 2)];
    const upsert =
      `INSERT INTO ${this.table} (name, position) VALUES (${p1}, ${p2}) ` +
      `ON CONFLICT (name) DO UPDATE SET position = excluded.position WHERE ${this.table}.position < excluded.position`;
    // Through the read-model write queue: on SQLite every writer shares one connection.
    await readModelTransaction(this.dataSource, (tx) => tx.query(upsert, [this.name, position]));
  }
}
