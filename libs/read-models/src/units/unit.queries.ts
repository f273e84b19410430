import type { IsoDate } from '@reorg/domain';
import { ProjectionCheckpoint, readModelTransaction } from '@reorg/projections';
import { Brackets, type DataSource, type EntityManager, type SelectQueryBuilder, type WhereExpressionBuilder } from 'typeorm';
import { GoverningBodyPeriodRow } from '../governing-bodies/governing-body.entities';
import { CurrentUnitsIndex, type CurrentUnitsSnapshot, positionsText } from './current-units-index';
import { containsPattern } from './search-text';
import { type Places, type StructureView, groupByBody, placeOf, totalsOf } from './structure-grouping';
import { UnitLineageRow, UnitVersionRow } from './unit-read-model.entities';
import { type RawUnitView, UNIT_VIEW_COLUMNS, type UnitView, rawToUnitView, toUnitView } from './unit-view';

/** "As of an effective date, as known at an instant" (knownAt absent: as known now). */
export interface TimePoint {
  asOf: IsoDate;
  /** ISO-8601 UTC instant, inclusive. */
  knownAt?: string;
}

export interface UnitListQuery extends TimePoint {
  /** ACTIVE (default), one ended status, or ALL (every unit established on or before asOf). */
  status: 'ACTIVE' | 'MERGED' | 'DISSOLVED' | 'ALL';
  system?: string;
  sector?: string;
  governingBodyId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface LineageEntry {
  unitId: string;
  code: string;
  name: string;
  changeType: string;
  effectiveDate: IsoDate;
}

export interface StructureDiff {
  from: IsoDate;
  to: IsoDate;
  established: UnitView[];
  ended: UnitView[];
  changed: { unitId: string; before: UnitView; after: UnitView }[];
}

/** Versions in force on `asOf` as known at `knownAt`: two indexed range conditions. */
export function versionsAt(tx: EntityManager, at: TimePoint): SelectQueryBuilder<UnitVersionRow> {
  const builder = tx
    .createQueryBuilder(UnitVersionRow, 'u')
    .where('u.valid_from <= :asOf AND (u.valid_to IS NULL OR u.valid_to > :asOf)', { asOf: at.asOf });
  if (at.knownAt === undefined) return builder.andWhere('u.recorded_to IS NULL');
  return builder.andWhere('u.recorded_from <= :knownAt AND (u.recorded_to IS NULL OR u.recorded_to > :knownAt)', { knownAt: at.knownAt });
}

/** Codes sort byte-wise on both databases (PostgreSQL would otherwise use the locale's collation). */
function byCode(builder: SelectQueryBuilder<UnitVersionRow>, tx: EntityManager): SelectQueryBuilder<UnitVersionRow> {
  const postgres = tx.connection.options.type === 'postgres';
  return builder.orderBy(postgres ? 'u.code COLLATE "C"' : 'u.code', 'ASC').addOrderBy(postgres ? 'u.unit_id COLLATE "C"' : 'u.unit_id', 'ASC');
}

/** Selects only the UnitView columns, as raw rows (no entity hydration for thousands of rows). */
function rawViews(builder: SelectQueryBuilder<UnitVersionRow>): Promise<RawUnitView[]> {
  builder.select([]);
  for (const [alias, column] of Object.entries(UNIT_VIEW_COLUMNS)) builder.addSelect(`u.${column}`, alias);
  return builder.getRawMany<RawUnitView>();
}

/** Versions (alias `u`) whose place (territory, else province; both null: this register's own) is one of `places`. */
function inPlaces(alias: string, places: Places): Brackets {
  const named = places.filter((place): place is string => place !== null);
  return new Brackets((where: WhereExpressionBuilder) => {
    where.where('1 = 0');
    if (named.length) where.orWhere(`COALESCE(${alias}.territory, ${alias}.province) IN (:...${alias}Places)`, { [`${alias}Places`]: named });
    if (places.includes(null)) where.orWhere(`(${alias}.territory IS NULL AND ${alias}.province IS NULL)`);
  });
}

/** The structure by SQL alone: the active versions in force, by code, grouped under the bodies in force (of `places` only, when given). */
export async function structureIn(tx: EntityManager, at: TimePoint, now: string, places?: Places): Promise<StructureView> {
  const versions = versionsAt(tx, at).andWhere('u.status = :status', { status: 'ACTIVE' });
  if (places) versions.andWhere(inPlaces('u', places));
  const units = (await rawViews(byCode(versions, tx))).map(rawToUnitView);
  const bodies = await tx.createQueryBuilder(GoverningBodyPeriodRow, 'p').where('p.valid_from <= :asOf AND (p.valid_to IS NULL OR p.valid_to > :asOf)', { asOf: at.asOf }).getMany();
  const kept = places && new Set(places);
  const narrowed = kept ? bodies.filter((body) => kept.has(placeOf(body))) : bodies;
  return { asOf: at.asOf, knownAt: at.knownAt ?? now, totals: totalsOf(units), bodies: groupByBody(units, narrowed, bodies) };
}

/**
 * Reads of the units read model: indexed range queries over `unit_versions`, never a replay. Each
 * read is one transaction of `dataSource`; give it the query data source (openQueryDataSource) so
 * that on SQLite reads neither queue behind the projection's transactions nor see one half applied.
 */
export class UnitQueries {
  private readonly current = new CurrentUnitsIndex();

  constructor(private readonly dataSource: DataSource) {}

  list(query: UnitListQuery): Promise<Page<UnitView>> {
    return this.read(async (tx) => {
      const builder = versionsAt(tx, query);
      if (query.status !== 'ALL') builder.andWhere('u.status = :status', { status: query.status });
      if (query.system) builder.andWhere('u.system = :system', { system: query.system });
      if (query.sector) builder.andWhere('u.sector = :sector', { sector: query.sector });
      if (query.governingBodyId) builder.andWhere('u.governing_body_id = :bodyId', { bodyId: query.governingBodyId });
      if (query.q) builder.andWhere(`u.search LIKE :q ESCAPE '\\'`, { q: containsPattern(query.q) });
      const total = await builder.getCount();
      const rows = await byCode(builder, tx)
        .offset((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .getMany();
      return { items: rows.map(toUnitView), total, page: query.page, pageSize: query.pageSize };
    });
  }

  /** The unit as it stood then; undefined if it did not exist yet (or never). As known now: from the current snapshot. */
  async get(unitId: string, at: TimePoint): Promise<UnitView | undefined> {
    if (at.knownAt === undefined) return (await this.currentSnapshot()).unitAt(unitId, at.asOf);
    return this.read(async (tx) => {
      const row = await versionsAt(tx, at).andWhere('u.unit_id = :unitId', { unitId }).getOne();
      return row ? toUnitView(row) : undefined;
    });
  }

  /** Direct predecessors and successors, named as the other unit last stood; undefined for an unknown unit. */
  lineage(unitId: string): Promise<{ predecessors: LineageEntry[]; successors: LineageEntry[] } | undefined> {
    return this.read(async (tx) => {
      const known = await tx.createQueryBuilder(UnitVersionRow, 'u').where('u.unit_id = :unitId AND u.recorded_to IS NULL', { unitId }).getExists();
      if (!known) return undefined;
      const links = await tx
        .createQueryBuilder(UnitLineageRow, 'l')
        .where('l.predecessor_id = :unitId OR l.successor_id = :unitId', { unitId })
        .getMany();
      const predecessors = uniqueLinks(links.filter((l) => l.successorId === unitId), (l) => l.predecessorId);
      const successors = uniqueLinks(links.filter((l) => l.predecessorId === unitId), (l) => l.successorId);
      const names = await latestVersions(tx, [...predecessors, ...successors].map(([id]) => id));
      const entry = ([id, link]: [string, UnitLineageRow]): LineageEntry => ({
        unitId: id,
        code: names.get(id)?.code ?? '',
        name: names.get(id)?.name ?? '',
        changeType: link.changeType,
        effectiveDate: link.effectiveDate,
      });
      const order = (a: LineageEntry, b: LineageEntry) => a.effectiveDate.localeCompare(b.effectiveDate) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
      return { predecessors: predecessors.map(entry).sort(order), successors: successors.map(entry).sort(order) };
    });
  }

  /** Every active unit on the date, grouped under its governing body as the body stood then. */
  async structure(at: TimePoint, now: string): Promise<StructureView> {
    return (await this.structureAt(at, now)).structure;
  }

  /** The positions of the read models the structure reads: while they stand still, so does every structure. */
  structurePositions(): Promise<string> {
    return this.read(readModelPositions);
  }

  /** The structure with the positions it was read at (one transaction); of `places` only, when given. */
  structureAt(at: TimePoint, now: string, places?: Places): Promise<{ positions: string; structure: StructureView }> {
    return this.read(async (tx) => ({ positions: await readModelPositions(tx), structure: await structureIn(tx, at, now, places) }));
  }

  /**
   * The structure's JSON (UTF-8) with the positions it was read at. As known now (no knownAt) it
   * comes from the in-memory snapshot of current versions at the read models' positions, put
   * together from each version's bytes made once; as known at an instant, from structureAt. Equal,
   * byte for byte, to JSON.stringify of structureAt's structure (tests compare them).
   */
  async structureBody(at: TimePoint, now: string, places?: Places): Promise<{ positions: string; body: Buffer }> {
    if (at.knownAt !== undefined) {
      const { positions, structure } = await this.structureAt(at, now, places);
      return { positions, body: Buffer.from(JSON.stringify(structure)) };
    }
    const snapshot = await this.currentSnapshot();
    return { positions: positionsText(snapshot.positions), body: snapshot.structureBytes(at.asOf, now, places) };
  }

  /** The snapshot of current versions at the positions a fresh read transaction sees. */
  currentSnapshot(): Promise<CurrentUnitsSnapshot> {
    return this.snapshotRead((tx) => this.current.at(tx));
  }

  /** Units established or ended after `from` and on or before `to`, and those active on both dates whose attributes differ. */
  diff(from: IsoDate, to: IsoDate, knownAt?: string): Promise<StructureDiff> {
    return this.read(async (tx) => {
      const before = new Map((await versionsAt(tx, { asOf: from, knownAt }).getMany()).map((row) => [row.unitId, toUnitView(row)]));
      const after = (await byCode(versionsAt(tx, { asOf: to, knownAt }), tx).getMany()).map(toUnitView);
      const within = (date: IsoDate | undefined) => date !== undefined && date > from && date <= to;
      const changed = after.flatMap((unit) => {
        const previous = before.get(unit.unitId);
        return previous && previous.status === 'ACTIVE' && unit.status === 'ACTIVE' && attributesChanged(previous, unit) ? [{ unitId: unit.unitId, before: previous, after: unit }] : [];
      });
      return {
        from,
        to,
        established: after.filter((unit) => within(unit.establishedOn)),
        ended: after.filter((unit) => within(unit.endedOn)),
        changed,
      };
    });
  }

  private read<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return readModelTransaction(this.dataSource, work);
  }

  /** One snapshot of the database for every statement of `work` (SQLite's transactions already are). */
  private snapshotRead<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.options.type === 'postgres' ? this.dataSource.transaction('REPEATABLE READ', work) : this.read(work);
  }
}

const STRUCTURE_READ_MODELS = ['governing-bodies.v1', 'units.v1'];

async function readModelPositions(tx: EntityManager): Promise<string> {
  const rows = await tx.createQueryBuilder(ProjectionCheckpoint, 'c').select(['c.name', 'c.position']).where('c.name IN (:...names)', { names: STRUCTURE_READ_MODELS }).orderBy('c.name').getMany();
  return rows.map((row) => `${row.name}@${row.position}`).join(',');
}

function attributesChanged(before: UnitView, after: UnitView): boolean {
  const fields: (keyof UnitView)[] = ['code', 'name', 'system', 'governingBodyId', 'level', 'sector', 'autonomyGroup', 'staffingQuota', 'basicEssentialService'];
  return fields.some((field) => before[field] !== after[field]);
}

function uniqueLinks(links: UnitLineageRow[], other: (link: UnitLineageRow) => string): [string, UnitLineageRow][] {
  const byUnit = new Map<string, UnitLineageRow>();
  for (const link of links) if (!byUnit.has(other(link))) byUnit.set(other(link), link);
  return [...byUnit.entries()];
}

async function latestVersions(tx: EntityManager, unitIds: string[]): Promise<Map<string, UnitVersionRow>> {
  if (unitIds.length === 0) return new Map();
  const rows = await tx
    .createQueryBuilder(UnitVersionRow, 'u')
    .where('u.unit_id IN (:...unitIds) AND u.recorded_to IS NULL AND u.valid_to IS NULL', { unitIds })
    .getMany();
  return new Map(rows.map((row) => [row.unitId, row]));
}
