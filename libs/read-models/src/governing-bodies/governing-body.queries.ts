import type { IsoDate } from '@reorg/domain';
import { readModelTransaction } from '@reorg/projections';
import type { DataSource } from 'typeorm';
import { GoverningBodyPeriodRow } from './governing-body.entities';

export interface GoverningBodyView {
  id: string;
  code: string;
  name: string;
  system: string;
  level: string;
  parentId?: string;
  status: 'ACTIVE' | 'ABOLISHED';
  abolishedOn?: IsoDate;
  /** Start of the period this view describes (`0000-01-01`: as registered). */
  validFrom: IsoDate;
}

export interface BodyListQuery {
  asOf: IsoDate;
  /** ACTIVE (default) or ALL (adds bodies abolished on or before asOf). */
  status: 'ACTIVE' | 'ALL';
  page: number;
  pageSize: number;
}

function toView(row: GoverningBodyPeriodRow): GoverningBodyView {
  return {
    id: row.bodyId,
    code: row.code,
    name: row.name,
    system: row.system,
    level: row.level,
    ...(row.parentId ? { parentId: row.parentId } : {}),
    status: row.status as GoverningBodyView['status'],
    ...(row.abolishedOn ? { abolishedOn: row.abolishedOn } : {}),
    validFrom: row.validFrom,
  };
}

/**
 * Reads of the governing-bodies read model. On SQLite reads share the projection's connection,
 * so they queue with its transactions rather than see a batch half applied.
 */
export class GoverningBodyQueries {
  constructor(private readonly dataSource: DataSource) {}

  list(query: BodyListQuery): Promise<{ items: GoverningBodyView[]; total: number; page: number; pageSize: number }> {
    return readModelTransaction(this.dataSource, async (tx) => {
      const builder = tx
        .createQueryBuilder(GoverningBodyPeriodRow, 'p')
        .where('p.valid_from <= :asOf AND (p.valid_to IS NULL OR p.valid_to > :asOf)', { asOf: query.asOf });
      if (query.status === 'ACTIVE') builder.andWhere('p.status = :status', { status: 'ACTIVE' });
      const [rows, total] = await builder
        .orderBy('p.code', 'ASC')
        .skip((query.page - 1) * query.pageSize)
        .take(query.pageSize)
        .getManyAndCount();
      return { items: rows.map(toView), total, page: query.page, pageSize: query.pageSize };
    });
  }

  get(bodyId: string, asOf: IsoDate): Promise<GoverningBodyView | undefined> {
    return readModelTransaction(this.dataSource, async (tx) => {
      const row = await tx
        .createQueryBuilder(GoverningBodyPeriodRow, 'p')
        .where('p.body_id = :bodyId', { bodyId })
        .andWhere('p.valid_from <= :asOf AND (p.valid_to IS NULL OR p.valid_to > :asOf)', { asOf })
        .getOne();
      return row ? toView(row) : undefined;
    });
  }
}
