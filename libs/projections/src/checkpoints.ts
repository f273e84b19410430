import type { EntityManager } from 'typeorm';
import { ProjectionCheckpoint } from './projection-checkpoint.entity';

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
  await tx
    .createQueryBuilder()
    .insert()
    .into(ProjectionCheckpoint)
    .values({ name, position: 0 })
    .orIgnore()
    .updateEntity(false)
    .execute();
  const query = tx.createQueryBuilder(ProjectionCheckpoint, 'checkpoint').where('checkpoint.name = :name', { name });
  if (tx.connection.options.type === 'postgres') query.setLock('pessimistic_write');
  const row = await query.getOneOrFail();
  return row.position;
}

export async function saveCheckpoint(tx: EntityManager, name: string, position: number): Promise<void> {
  await tx.update(ProjectionCheckpoint, { name }, { position });
}
