import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

type Value = string | number | null;

export interface SqlDialect {
  readonly postgres: boolean;
  /** The entity's table, schema-qualified and quoted. */
  table(entity: EntityTarget<ObjectLiteral>): string;
  /** Placeholders for `count` parameters starting at `from` (1-based): `?` on SQLite, `$n` on PostgreSQL. */
  params(count: number, from?: number): string;
  /** `column` is one of a list given as the single parameter `at`; pass the list through `list`. */
  inList(column: string, at?: number): string;
  list(values: readonly string[]): unknown;
  /** Inserts rows with statements whose text does not depend on the number of rows. */
  insertRows(tx: EntityManager, table: string, columns: readonly { name: string; pgType: string }[], rows: readonly Value[][]): Promise<void>;
}

/**
 * Plain parameterised SQL for a projection's hot statements: TypeORM's query builder costs more
 * than the statements themselves and inlines some values. Statement texts stay the same whatever
 * the batch size, so SQLite prepares each once (TypeORM caches them) and PostgreSQL gets one round
 * trip per statement (arrays through unnest) instead of one per row.
 */
export function sqlDialect(tx: EntityManager): SqlDialect {
  const { connection } = tx;
  const postgres = connection.options.type === 'postgres';
  const params = (count: number, from = 1) => Array.from({ length: count }, (_, i) => (postgres ? `$${from + i}` : '?')).join(', ');
  return {
    postgres,
    table: (entity) => {
      const { schema, tableName } = connection.getMetadata(entity);
      return [schema, tableName].filter((part): part is string => Boolean(part)).map((part) => connection.driver.escape(part)).join('.');
    },
    params,
    inList: (column, at = 1) => (postgres ? `${column} = ANY($${at}::text[])` : `${column} IN (SELECT value FROM json_each(?))`),
    list: (values) => (postgres ? [...values] : JSON.stringify(values)),
    insertRows: async (tx, table, columns, rows) => {
      if (rows.length === 0) return;
      const names = columns.map((c) => c.name).join(', ');
      if (postgres) {
        const arrays = columns.map((c, i) => `$${i + 1}::${c.pgType}[]`).join(', ');
        await tx.query(`INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})`, columns.map((_, i) => rows.map((row) => row[i])));
        return;
      }
      const insert = `INSERT INTO ${table} (${names}) VALUES (${params(columns.length)})`;
      for (const row of rows) await tx.query(insert, row);
    },
  };
}
