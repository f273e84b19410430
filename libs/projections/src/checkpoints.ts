import { type EntityManager, In } from 'typeorm';
import { ProjectionCheckpoint } from './projection-checkpoint.entity';
import { sqlDialect } from './sql-dialect';

/** Several checkpoints in one query (a projection without a row is at 0). */
export async function readCheckpoints(manager: EntityManager, names: readonly string[]): Promise<Map<string, number>> {
  const rows = await manager.findBy(ProjectionCheckpoint, { name: In([...names]) });
  return new Map(names.map((name) => [name, rows.find((row) => row.name === name)?.position ?? 0]));
}

export async function readCheckpoint(manager: EntityManager, name: string): Promise<number> {
  const row = await manager.findOneBy(ProjectionCheckpoint, { name });
  return row?.position ?? 0;
}

/**
 * Reads the checkpoint inside `tx` and holds it against other writers until commit. The insert
 * comes first on purpose: on SQLite it takes the write lock before anything is read (so the read
 * is current and no snapshot upgrade can fail); on PostgreSQL it makes the row exist for FOR UPDATE.
 */
export async function lockCheckpoint(tx: EntityManager, name: string): Promise<number> {
  const sql = sqlDialect(tx);
  const table = sql.table(ProjectionCheckpoint);
  await tx.query(`INSERT INTO ${table} (name, position, updated_at) VALUES (${sql.params(1)}, 0, CURRENT_TIMESTAMP) ON CONFLICT (name) DO NOTHING`, [name]);
  const [row] = (await tx.query(`SELECT position FROM ${table} WHERE name = ${sql.params(1)}${sql.postgres ? ' FOR UPDATE' : ''}`, [name])) as { position: string | number }[];
  if (!row) throw new Error(`projection checkpoint ${name} is missing after its insert`);
  return Number(row.position);
}

/** Where a checkpoint stands in which store: the position, the store's global hash there and the store's id. */
export interface CheckpointMark {
  position: number;
  globalHash: string;
}

export async function saveCheckpoint(tx: EntityManager, name: string, mark: CheckpointMark, storeId: string): Promise<void> {
  const sql = sqlDialect(tx);
  await tx.query(
    `UPDATE ${sql.table(ProjectionCheckpoint)} SET position = ${sql.params(1)}, global_hash = ${sql.params(1, 2)}, store_id = ${sql.params(1, 3)}, updated_at = CURRENT_TIMESTAMP WHERE name = ${sql.params(1, 4)}`,
    [mark.position, mark.globalHash, storeId, name],
  );
}

/** Moves several checkpoints forward (never back) in two statements, whatever their number. */
export async function advanceCheckpoints(tx: EntityManager, moves: ReadonlyMap<string, CheckpointMark>, storeId: string): Promise<void> {
  if (moves.size === 0) return;
  const sql = sqlDialect(tx);
  const table = sql.table(ProjectionCheckpoint);
  const names = [...moves.keys()];
  await tx.query(`INSERT INTO ${table} (name, position, updated_at) VALUES ${names.map((_, i) => `(${sql.params(1, i + 1)}, 0, CURRENT_TIMESTAMP)`).join(', ')} ON CONFLICT (name) DO NOTHING`, names);
  // CAST: PostgreSQL gives parameters in VALUES no type of their own.
  const values = names
    .map((_, i) => `(CAST(${sql.params(1, 3 * i + 1)} AS VARCHAR(200)), CAST(${sql.params(1, 3 * i + 2)} AS BIGINT), CAST(${sql.params(1, 3 * i + 3)} AS VARCHAR(64)))`)
    .join(', ');
  const storeParam = sql.params(1, 3 * names.length + 1);
  await tx.query(
    `WITH moves(name, position, global_hash) AS (VALUES ${values}) UPDATE ${table} SET position = moves.position, global_hash = moves.global_hash, store_id = ${storeParam}, updated_at = CURRENT_TIMESTAMP FROM moves WHERE ${table}.name = moves.name AND ${table}.position < moves.position`,
    [...names.flatMap((name) => [name, moves.get(name)?.position, moves.get(name)?.globalHash]), storeId],
  );
}
