import { type IsoDate, dayBefore } from '@reorg/domain';
import { readModelTransaction } from '@reorg/projections';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { UnitVersionRow } from '../units/unit-read-model.entities';
import { type ReductionReport, type ReportChange, type ReportScope, type ReportVersion, computeReductionReport } from './reduction-report';
import { ReportUnitChangeRow } from './unit-change.entities';

export interface ReductionQuery {
  from: IsoDate;
  to: IsoDate;
  /** ISO-8601 UTC instant, inclusive; absent: as known now. */
  knownAt?: string;
  /** A former province's territory (its code, or OWN for this register's own); absent: this register as it stood on each date. */
  territory?: string;
}

/** The territory keyword for this register's own former province. */
export const OWN_TERRITORY = 'OWN';

/** Versions as the register knew them at `knownAt` (current knowledge when absent). */
function knownVersions(tx: EntityManager, knownAt: string | undefined): SelectQueryBuilder<UnitVersionRow> {
  const builder = tx.createQueryBuilder(UnitVersionRow, 'u');
  if (knownAt === undefined) return builder.where('u.recorded_to IS NULL');
  return builder.where('u.recorded_from <= :knownAt AND (u.recorded_to IS NULL OR u.recorded_to > :knownAt)', { knownAt });
}

async function versionsInWindow(tx: EntityManager, query: ReductionQuery): Promise<ReportVersion[]> {
  const rows = await knownVersions(tx, query.knownAt)
    .andWhere('u.valid_from <= :to AND (u.valid_to IS NULL OR u.valid_to > :start)', { to: query.to, start: dayBefore(query.from) })
    .select(['u.unitId', 'u.validFrom', 'u.status', 'u.system', 'u.sector', 'u.staffingQuota', 'u.province', 'u.territory'])
    .getMany();
  return rows.map(({ unitId, validFrom, status, system, sector, staffingQuota, province, territory }) => ({ unitId, validFrom, status, system, sector, staffingQuota, province, territory }));
}

async function sectorsPresent(tx: EntityManager, knownAt: string | undefined): Promise<string[]> {
  const rows = await knownVersions(tx, knownAt).select('u.sector', 'sector').distinct(true).getRawMany<{ sector: string }>();
  return rows.map((row) => row.sector);
}

/** Changes effective in the period and every annulment, as recorded by `knownAt`. */
async function changesInWindow(tx: EntityManager, query: ReductionQuery): Promise<ReportChange[]> {
  const builder = tx
    .createQueryBuilder(ReportUnitChangeRow, 'c')
    .where(`((c.effective_date >= :from AND c.effective_date <= :to) OR c.event_type = 'UnitDecisionAnnulled')`, { from: query.from, to: query.to });
  if (query.knownAt !== undefined) builder.andWhere('c.recorded_at <= :knownAt', { knownAt: query.knownAt });
  const rows = await builder.getMany();
  return rows.map(({ position, unitId, eventType, operation, decisionKey, effectiveDate }) => ({ position, unitId, eventType, operation, decisionKey, effectiveDate }));
}

/** Reports over the read models: range queries on `unit_versions` and `report_unit_changes`, folded in memory. */
export class ReportQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Whether some unit serves the territory (OWN: always). */
  knowsTerritory(territory: string): Promise<boolean> {
    return readModelTransaction(this.dataSource, async (tx) => (await scopeOf(tx, territory)) !== undefined);
  }

  /** The report; a territory no unit serves gives an empty one (ask knowsTerritory first to refuse it). */
  reduction(query: ReductionQuery): Promise<ReductionReport> {
    return readModelTransaction(this.dataSource, async (tx) => {
      const scope = (await scopeOf(tx, query.territory)) ?? { kind: 'territory' as const, territory: query.territory ?? null };
      const versions = await versionsInWindow(tx, query);
      const changes = await changesInWindow(tx, query);
      const sectors = await sectorsPresent(tx, query.knownAt);
      return computeReductionReport({ from: query.from, to: query.to, versions, changes, sectors, scope });
    });
  }
}

async function scopeOf(tx: EntityManager, territory: string | undefined): Promise<ReportScope | undefined> {
  if (territory === undefined) return { kind: 'register' };
  if (territory === OWN_TERRITORY) return { kind: 'territory', territory: null };
  const known = await tx.createQueryBuilder(UnitVersionRow, 'u').where('u.territory = :territory', { territory }).getExists();
  return known ? { kind: 'territory', territory } : undefined;
}
