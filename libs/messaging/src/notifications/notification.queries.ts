import { Brackets, type DataSource } from 'typeorm';
import { NotificationRow } from './notification.entities';

export interface NotificationView {
  id: string;
  kind: string;
  proposalId: string;
  stepId: string | null;
  dueDate: string | null;
  message: string;
  createdAt: string;
  resolvedAt: string | null;
}

export class NotificationQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** The caller's own: addressed to one of their roles or to them; newest first. */
  async forRecipient(sub: string, roles: readonly string[], limit = 100): Promise<NotificationView[]> {
    const query = this.dataSource
      .getRepository(NotificationRow)
      .createQueryBuilder('n')
      .where(
        new Brackets((where) => {
          where.where('n.recipient_sub = :sub', { sub });
          if (roles.length > 0) where.orWhere('n.recipient_role IN (:...roles)', { roles: [...roles] });
        }),
      )
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'ASC')
      .take(limit);
    const rows = await query.getMany();
    return rows.map(({ id, kind, proposalId, stepId, dueDate, message, createdAt, resolvedAt }) => ({ id, kind, proposalId, stepId, dueDate, message, createdAt, resolvedAt }));
  }
}
