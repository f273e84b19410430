import { type BodyLineageLink, type GoverningBodyEvent, GoverningBodyTimeline, type IsoDate } from '@reorg/domain';
import { readModelTransaction } from '@reorg/projections';
import type { DataSource } from 'typeorm';
import { GoverningBodyEventRow, GoverningBodyPeriodRow } from './governing-body.entities';

export interface BodyLineageEntry {
  bodyId: string;
  code: string;
  name: string;
  changeType: BodyLineageLink['changeType'];
  effectiveDate: IsoDate;
  decision: { number: string; date: IsoDate };
}

const LINKING = ['GoverningBodyMerged', 'GoverningBodySplit', 'GoverningBodyReceivedFrom', 'GoverningBodyAbolished'];

export interface GoverningBodyView {
  id: string;
  code: string;
  name: string;
  system: string;
  level: string;
  parentId?: string;
  status: 'ACTIVE' | 'ABOLISHED';
  abolishedOn?: IsoDate;
  /** Another province's register the body belongs to (until that province joins). */
  province?: string;
  /** The former province whose territory the body serves. */
  territory?: string;
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
    ...(row.province ? { province: row.province } : {}),
    ...(row.territory ? { territory: row.territory } : {}),
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

  /** The bodies this one came from and went to (mergers, splits, abolition with a transfer), as either side recorded it. */
  lineage(bodyId: string): Promise<{ predecessors: BodyLineageEntry[]; successors: BodyLineageEntry[] } | undefined> {
    return readModelTransaction(this.dataSource, async (tx) => {
      const known = await tx.createQueryBuilder(GoverningBodyPeriodRow, 'p').where('p.body_id = :bodyId', { bodyId }).getExists();
      if (!known) return undefined;
      const rows = await tx
        .createQueryBuilder(GoverningBodyEventRow, 'e')
        .where('e.type IN (:...types)', { types: LINKING })
        .andWhere('(e.body_id = :bodyId OR e.data LIKE :mention)', { bodyId, mention: `%${bodyId}%` })
        .orderBy('e.position', 'ASC')
        .getMany();
      const links = new Map<string, BodyLineageLink>();
      const events = rows.map((row) => ({ type: row.type, data: JSON.parse(row.data) as unknown }) as GoverningBodyEvent);
      for (const link of GoverningBodyTimeline.from(events).lineage()) {
        if (link.predecessorId === bodyId || link.successorId === bodyId) links.set(`${link.predecessorId}>${link.successorId}`, link);
      }
      const others = [...new Set([...links.values()].map((l) => (l.predecessorId === bodyId ? l.successorId : l.predecessorId)))];
      const names = new Map<string, GoverningBodyPeriodRow>();
      if (others.length) {
        const periods = await tx.createQueryBuilder(GoverningBodyPeriodRow, 'p').where('p.body_id IN (:...ids)', { ids: others }).orderBy('p.valid_from', 'ASC').getMany();
        for (const row of periods) names.set(row.bodyId, row);
      }
      const entry = (other: string, link: BodyLineageLink): BodyLineageEntry => ({
        bodyId: other,
        code: names.get(other)?.code ?? '',
        name: names.get(other)?.name ?? '',
        changeType: link.changeType,
        effectiveDate: link.effectiveDate,
        decision: { number: link.decision.number, date: link.decision.date },
      });
      const order = (a: BodyLineageEntry, b: BodyLineageEntry) => a.effectiveDate.localeCompare(b.effectiveDate) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
      const all = [...links.values()];
      return {
        predecessors: all.filter((l) => l.successorId === bodyId).map((l) => entry(l.predecessorId, l)).sort(order),
        successors: all.filter((l) => l.predecessorId === bodyId).map((l) => entry(l.successorId, l)).sort(order),
      };
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
