import { type IsoDate, dayBefore } from '@reorg/domain';
import { readModelTransaction, sqlDialect } from '@reorg/projections';
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

const ANNULMENT = 'UnitDecisionAnnulled';
/** The only changes the counts by unit read (the attribute operations count only as decisions, in SQL). */
const STRUCTURAL = ['UnitEstablished', 'UnitMerged', 'UnitDissolved'];

type Params = Record<string, string | string[]>;

/** Runs `sql` with `:name` parameters on either database (TypeORM numbers them `$n` or `?`). */
async function rawQuery<T>(tx: EntityManager, sql: string, params: Params): Promise<T[]> {
  const [text, values] = tx.connection.driver.escapeQueryWithParameters(sql, params, {});
  return (await tx.query(text, values)) as T[];
}

/** Versions known at `knownAt` (current knowledge when absent), as a condition on the alias `u`. */
function knownCondition(knownAt: string | undefined, u = 'u'): string {
  return knownAt === undefined ? `${u}.recorded_to IS NULL` : `${u}.recorded_from <= :knownAt AND (${u}.recorded_to IS NULL OR ${u}.recorded_to > :knownAt)`;
}

const knownParams = (knownAt: string | undefined): Params => (knownAt === undefined ? {} : { knownAt });

/**
 * The versions in force on some day from the day before `from` to `to`, but only those the report
 * can tell apart: a unit's first and last in the window and each whose status, system, sector,
 * province or territory differs from the one before it. A version that changes only other
 * attributes (the annual quotas, renames, autonomy: most of the log) counts nothing that the one
 * before it did not, and the first and last carry the staffing quotas at the start and the end.
 */
async function versionsInWindow(tx: EntityManager, query: ReductionQuery): Promise<ReportVersion[]> {
  const sql = sqlDialect(tx);
  const differs = sql.postgres ? 'IS DISTINCT FROM' : 'IS NOT';
  const rows = await rawQuery<{ unitId: string; validFrom: string; status: string; system: string; sector: string; staffingQuota: string | number; province: string | null; territory: string | null }>(
    tx,
    `SELECT v.unit_id AS "unitId", v.valid_from AS "validFrom", v.status, v.system, v.sector, v.staffing_quota AS "staffingQuota", v.province, v.territory
       FROM (SELECT u.unit_id, u.valid_from, u.status, u.system, u.sector, u.staffing_quota, u.province, u.territory,
                    LAG(u.status) OVER w AS p_status, LAG(u.system) OVER w AS p_system, LAG(u.sector) OVER w AS p_sector,
                    LAG(u.province) OVER w AS p_province, LAG(u.territory) OVER w AS p_territory,
                    ROW_NUMBER() OVER w AS n, LEAD(u.valid_from) OVER w AS next_from
               FROM ${sql.table(UnitVersionRow)} u
              WHERE ${knownCondition(query.knownAt)} AND u.valid_from <= :to AND (u.valid_to IS NULL OR u.valid_to > :start)
             WINDOW w AS (PARTITION BY u.unit_id ORDER BY u.valid_from)) v
      WHERE v.n = 1 OR v.next_from IS NULL OR v.status <> v.p_status OR v.system <> v.p_system OR v.sector <> v.p_sector
         OR v.province ${differs} v.p_province OR v.territory ${differs} v.p_territory`,
    { to: query.to, start: dayBefore(query.from), ...knownParams(query.knownAt) },
  );
  return rows.map((r) => ({ unitId: r.unitId, validFrom: r.validFrom, status: r.status, system: r.system, sector: r.sector, staffingQuota: Number(r.staffingQuota), province: r.province, territory: r.territory }));
}

/** Every sector some known version has: the distinct values walked through `ix_unit_versions_sector`, one probe each. */
async function sectorsPresent(tx: EntityManager, knownAt: string | undefined): Promise<string[]> {
  const table = sqlDialect(tx).table(UnitVersionRow);
  const rows = await rawQuery<{ sector: string }>(
    tx,
    `WITH RECURSIVE s(sector) AS (
       SELECT MIN(sector) FROM ${table}
       UNION ALL
       SELECT (SELECT MIN(x.sector) FROM ${table} x WHERE x.sector > s.sector) FROM s WHERE s.sector IS NOT NULL)
     SELECT s.sector FROM s WHERE s.sector IS NOT NULL AND EXISTS (SELECT 1 FROM ${table} u WHERE u.sector = s.sector AND ${knownCondition(knownAt)})`,
    knownParams(knownAt),
  );
  return rows.map((row) => row.sector);
}

const recordedBy = (knownAt: string | undefined, c: string) => (knownAt === undefined ? '' : ` AND ${c}.recorded_at <= :knownAt`);

/** Establishments and endings effective in the period and every annulment, as recorded by `knownAt`. */
async function changesInWindow(tx: EntityManager, query: ReductionQuery): Promise<ReportChange[]> {
  const rows = await rawQuery<{ position: string | number; unitId: string; eventType: string; operation: string | null; decisionKey: string | null; effectiveDate: string }>(
    tx,
    `SELECT c.position, c.unit_id AS "unitId", c.event_type AS "eventType", c.operation, c.decision_key AS "decisionKey", c.effective_date AS "effectiveDate"
       FROM ${sqlDialect(tx).table(ReportUnitChangeRow)} c
      WHERE ((c.event_type IN (:...structural) AND c.effective_date >= :from AND c.effective_date <= :to) OR c.event_type = :annulment)${recordedBy(query.knownAt, 'c')}`,
    { structural: STRUCTURAL, annulment: ANNULMENT, from: query.from, to: query.to, ...knownParams(query.knownAt) },
  );
  return rows.map((r) => ({ position: Number(r.position), unitId: r.unitId, eventType: r.eventType, operation: r.operation, decisionKey: r.decisionKey, effectiveDate: r.effectiveDate }));
}

/**
 * Decisions by operation type among the changes effective in the period that no annulment recorded
 * after them kills (as `liveChanges` decides in memory); a change without a decision key counts
 * as a decision of its own, as in memory.
 */
async function decisionsByOperation(tx: EntityManager, query: ReductionQuery): Promise<Record<string, number>> {
  const table = sqlDialect(tx).table(ReportUnitChangeRow);
  const rows = await rawQuery<{ operation: string; decisions: string | number }>(
    tx,
    `SELECT d.operation, COUNT(*) AS decisions FROM (
       SELECT DISTINCT c.operation, COALESCE(c.decision_key, 'position:' || c.position) AS decision
         FROM ${table} c
        WHERE c.effective_date >= :from AND c.effective_date <= :to AND c.operation IS NOT NULL AND c.event_type <> :annulment${recordedBy(query.knownAt, 'c')}
          AND NOT EXISTS (SELECT 1 FROM ${table} a WHERE a.event_type = :annulment AND a.unit_id = c.unit_id AND a.decision_key = c.decision_key AND a.position > c.position${recordedBy(query.knownAt, 'a')})) d
      GROUP BY d.operation`,
    { annulment: ANNULMENT, from: query.from, to: query.to, ...knownParams(query.knownAt) },
  );
  return Object.fromEntries(rows.map((row) => [row.operation, Number(row.decisions)]));
}

/**
 * Reports over the read models: the counts by unit folded in memory over the versions that can
 * count (a few per unit), the decisions counted in SQL.
 */
export class ReportQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** One snapshot of the database for the report's four statements (REPEATABLE READ on PostgreSQL; SQLite's read transaction already is one). */
  private snapshotRead<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.options.type === 'postgres' ? this.dataSource.transaction('REPEATABLE READ', work) : readModelTransaction(this.dataSource, work);
  }

  /** Whether some unit serves the territory (OWN: always). */
  knowsTerritory(territory: string): Promise<boolean> {
    return readModelTransaction(this.dataSource, async (tx) => (await scopeOf(tx, territory)) !== undefined);
  }

  /** The report; a territory no unit serves gives an empty one (ask knowsTerritory first to refuse it). */
  reduction(query: ReductionQuery): Promise<ReductionReport> {
    return this.snapshotRead(async (tx) => {
      const scope = (await scopeOf(tx, query.territory)) ?? { kind: 'territory' as const, territory: query.territory ?? null };
      const versions = await versionsInWindow(tx, query);
      const changes = await changesInWindow(tx, query);
      const decisions = await decisionsByOperation(tx, query);
      const sectors = await sectorsPresent(tx, query.knownAt);
      return computeReductionReport({ from: query.from, to: query.to, versions, changes, sectors, scope, decisionsByOperation: decisions });
    });
  }

  /**
   * The same report the way it was computed before (every version in the window and every change
   * hydrated as entities, everything folded in memory): the reference the tests compare with.
   */
  reductionInMemory(query: ReductionQuery): Promise<ReductionReport> {
    return this.snapshotRead(async (tx) => {
      const scope = (await scopeOf(tx, query.territory)) ?? { kind: 'territory' as const, territory: query.territory ?? null };
      const known = (builder: SelectQueryBuilder<UnitVersionRow>) =>
        query.knownAt === undefined ? builder.where('u.recorded_to IS NULL') : builder.where('u.recorded_from <= :knownAt AND (u.recorded_to IS NULL OR u.recorded_to > :knownAt)', { knownAt: query.knownAt });
      const versions = await known(tx.createQueryBuilder(UnitVersionRow, 'u'))
        .andWhere('u.valid_from <= :to AND (u.valid_to IS NULL OR u.valid_to > :start)', { to: query.to, start: dayBefore(query.from) })
        .getMany();
      const sectors = (await known(tx.createQueryBuilder(UnitVersionRow, 'u')).select('u.sector', 'sector').distinct(true).getRawMany<{ sector: string }>()).map((row) => row.sector);
      const changes = tx
        .createQueryBuilder(ReportUnitChangeRow, 'c')
        .where(`((c.effective_date >= :from AND c.effective_date <= :to) OR c.event_type = :annulment)`, { from: query.from, to: query.to, annulment: ANNULMENT });
      if (query.knownAt !== undefined) changes.andWhere('c.recorded_at <= :knownAt', { knownAt: query.knownAt });
      return computeReductionReport({ from: query.from, to: query.to, versions, changes: await changes.getMany(), sectors, scope });
    });
  }
}

async function scopeOf(tx: EntityManager, territory: string | undefined): Promise<ReportScope | undefined> {
  if (territory === undefined) return { kind: 'register' };
  if (territory === OWN_TERRITORY) return { kind: 'territory', territory: null };
  const known = await tx.createQueryBuilder(UnitVersionRow, 'u').where('u.territory = :territory', { territory }).getExists();
  return known ? { kind: 'territory', territory } : undefined;
}
