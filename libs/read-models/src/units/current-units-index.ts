import type { IsoDate } from '@reorg/domain';
import { ProjectionCheckpoint, sqlDialect } from '@reorg/projections';
import type { EntityManager } from 'typeorm';
import { GoverningBodyPeriodRow } from '../governing-bodies/governing-body.entities';
import { type BodyPeriod, type Places, type StructureView, groupByBody, totalsOf } from './structure-grouping';
import { UnitEventRow, UnitVersionRow } from './unit-read-model.entities';
import { type RawUnitView, UNIT_VIEW_COLUMNS, type UnitView, rawToUnitView } from './unit-view';

/** A unit's version as currently known, with its answer already serialised. */
export interface IndexedVersion {
  unitId: string;
  code: string;
  system: string;
  sector: string;
  governingBodyId: string;
  /** Its territory, else the province whose register governs it; null: this register's own. */
  place: string | null;
  active: boolean;
  /** validFrom and validTo (null: Infinity) as day numbers YYYYMMDD, compared as numbers. */
  from: number;
  to: number;
  view: UnitView;
  /** `,` + JSON.stringify(view) in UTF-8, made once when the version is loaded (the comma separates it from the one before). */
  bytes: Buffer;
}

/** Where a read model's checkpoint stands: its position in which log. */
export interface CheckpointMark {
  position: number;
  storeId: string | null;
  globalHash: string | null;
}

export interface IndexPositions {
  units: CheckpointMark;
  bodies: CheckpointMark;
}

const UNITS = 'units.v1';
const BODIES = 'governing-bodies.v1';
/** Beyond this many units changed since the index's position, reloading every current version is cheaper. */
const DELTA_LIMIT = 2_000;
const DELTA_CHUNK = 500;

const sameMark = (a: CheckpointMark, b: CheckpointMark) => a.position === b.position && a.storeId === b.storeId && a.globalHash === b.globalHash;
export const samePositions = (a: IndexPositions, b: IndexPositions) => sameMark(a.units, b.units) && sameMark(a.bodies, b.bodies);

/** The structure's ETag input, as `readModelPositions` wrote it: `governing-bodies.v1@P,units.v1@P`. */
export function positionsText(positions: IndexPositions): string {
  return `${BODIES}@${positions.bodies.position},${UNITS}@${positions.units.position}`;
}

export async function readIndexPositions(tx: EntityManager): Promise<IndexPositions> {
  const sql = sqlDialect(tx);
  const rows = (await tx.query(
    `SELECT name, position, store_id AS "storeId", global_hash AS "globalHash" FROM ${sql.table(ProjectionCheckpoint)} WHERE name IN (${sql.params(2)})`,
    [BODIES, UNITS],
  )) as { name: string; position: string | number; storeId: string | null; globalHash: string | null }[];
  const mark = (name: string): CheckpointMark => {
    const row = rows.find((r) => r.name === name);
    return { position: Number(row?.position ?? 0), storeId: row?.storeId ?? null, globalHash: row?.globalHash ?? null };
  };
  return { units: mark(UNITS), bodies: mark(BODIES) };
}

/** An ISO date as the number YYYYMMDD: the same order as the strings. */
export function dayNumber(date: IsoDate): number {
  return Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

type RawIndexed = RawUnitView & { validTo: string | null; place: string | null };

function indexed(raw: RawIndexed): IndexedVersion {
  const view = Object.freeze(rawToUnitView(raw));
  return {
    unitId: view.unitId,
    code: view.code,
    system: view.system,
    sector: view.sector,
    governingBodyId: view.governingBodyId,
    place: raw.place ?? null,
    active: view.status === 'ACTIVE',
    from: dayNumber(view.validFrom),
    to: raw.validTo === null ? Number.POSITIVE_INFINITY : dayNumber(String(raw.validTo)),
    view,
    bytes: Buffer.from(`,${JSON.stringify(view)}`),
  };
}

const SELECT_COLUMNS = [...Object.entries(UNIT_VIEW_COLUMNS).map(([alias, column]) => `${column} AS "${alias}"`), 'valid_to AS "validTo"', 'COALESCE(territory, province) AS "place"'].join(', ');

/** Current versions (recorded_to IS NULL) of every unit, or of the units listed. */
async function currentVersions(tx: EntityManager, unitIds?: readonly string[]): Promise<IndexedVersion[]> {
  const sql = sqlDialect(tx);
  const where = unitIds ? ` AND ${sql.inList('unit_id')}` : '';
  const rows = (await tx.query(`SELECT ${SELECT_COLUMNS} FROM ${sql.table(UnitVersionRow)} WHERE recorded_to IS NULL${where}`, unitIds ? [sql.list(unitIds)] : [])) as RawIndexed[];
  return rows.map(indexed);
}

/** Units with an event projected after `position`: the only units whose versions can have changed since. */
async function unitsChangedAfter(tx: EntityManager, position: number): Promise<string[]> {
  const sql = sqlDialect(tx);
  const rows = (await tx.query(`SELECT DISTINCT unit_id AS "unitId" FROM ${sql.table(UnitEventRow)} WHERE position > ${sql.params(1)}`, [position])) as { unitId: string }[];
  return rows.map((row) => row.unitId);
}

async function bodyPeriods(tx: EntityManager): Promise<BodyPeriod[]> {
  const sql = sqlDialect(tx);
  return (await tx.query(`SELECT body_id AS "bodyId", valid_from AS "validFrom", valid_to AS "validTo", code, name, system, status, COALESCE(territory, province) AS "place" FROM ${sql.table(GoverningBodyPeriodRow)}`)) as BodyPeriod[];
}

function groupedByUnit(versions: readonly IndexedVersion[], into = new Map<string, IndexedVersion[]>()): Map<string, IndexedVersion[]> {
  for (const version of versions) {
    const list = into.get(version.unitId);
    if (list) list.push(version);
    else into.set(version.unitId, [version]);
  }
  return into;
}

/** In force on day `day`: valid_from <= asOf < valid_to (null: still), the condition of `versionsAt`. */
function inForce(version: IndexedVersion, day: number): boolean {
  return version.from <= day && day < version.to;
}

/** Codes byte-wise, as the SQL path orders them (then unit id, then validity). */
function byCodeThenId(a: IndexedVersion, b: IndexedVersion): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : a.from - b.from;
}

/** Two lists sorted by byCodeThenId, merged into one. */
function merged(a: readonly IndexedVersion[], b: readonly IndexedVersion[]): IndexedVersion[] {
  const out = new Array<IndexedVersion>(a.length + b.length);
  let [i, j, k] = [0, 0, 0];
  while (i < a.length && j < b.length) out[k++] = byCodeThenId(a[i], b[j]) <= 0 ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

const jsonText = JSON.stringify;

/** The key of a list of places (order does not matter). */
const placesKey = (places: Places) => JSON.stringify([...places].sort((a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1)));
const CLOSE = Buffer.from(']}');

/**
 * Every unit's current versions (as known now) and every governing body's periods, at one pair
 * of read-model positions. Immutable: a newer position makes a new snapshot.
 */
export class CurrentUnitsSnapshot {
  /** `sorted` narrowed to some places, made on the first structure asked for them (the snapshot never changes). */
  private readonly sortedIn = new Map<string, readonly IndexedVersion[]>();

  constructor(
    readonly positions: IndexPositions,
    private readonly units: ReadonlyMap<string, readonly IndexedVersion[]>,
    /** Every version of `units`, by code (then unit id), so that an answer needs no sort. */
    private readonly sorted: readonly IndexedVersion[],
    private readonly bodies: readonly BodyPeriod[],
    /** How the units came to be: all read, only the changed units read over the previous snapshot's, or kept. */
    readonly loadedBy: 'full' | 'delta' | 'kept',
  ) {}

  /** The unit as it stood on `asOf`, as known now (what `UnitQueries.get` answers without knownAt). */
  unitAt(unitId: string, asOf: IsoDate): UnitView | undefined {
    const day = dayNumber(asOf);
    return this.units.get(unitId)?.find((version) => inForce(version, day))?.view;
  }

  /**
   * The structure as of `asOf`, as known now, in UTF-8: exactly the bytes of
   * JSON.stringify(UnitQueries.structure(...)), put together from each version's bytes.
   */
  structureBytes(asOf: IsoDate, knownAt: string, places?: Places): Buffer {
    const day = dayNumber(asOf);
    const active: IndexedVersion[] = [];
    for (const version of places ? this.versionsIn(places) : this.sorted) if (version.active && inForce(version, day)) active.push(version);
    const bodiesInForce = this.bodies.filter((p) => p.validFrom <= asOf && (p.validTo === null || p.validTo > asOf));
    const kept = places && new Set(places);
    const periods = kept ? bodiesInForce.filter((p) => kept.has(p.place ?? null)) : bodiesInForce;
    const parts: Buffer[] = [Buffer.from(`{"asOf":${jsonText(asOf)},"knownAt":${jsonText(knownAt)},"totals":${jsonText(totalsOf(active))},"bodies":[`)];
    groupByBody(active, periods, bodiesInForce).forEach((body, i) => {
      parts.push(Buffer.from(`${i ? ',' : ''}{"id":${jsonText(body.id)},"code":${jsonText(body.code)},"name":${jsonText(body.name)},"system":${jsonText(body.system)},"units":[`));
      body.units.forEach((unit, j) => parts.push(j ? unit.bytes : unit.bytes.subarray(1)));
      parts.push(CLOSE);
    });
    parts.push(CLOSE);
    return Buffer.concat(parts);
  }

  structureJson(asOf: IsoDate, knownAt: string, places?: Places): string {
    return this.structureBytes(asOf, knownAt, places).toString('utf8');
  }

  /** The structure as an object (for tests and callers that want one). */
  structure(asOf: IsoDate, knownAt: string, places?: Places): StructureView {
    return JSON.parse(this.structureJson(asOf, knownAt, places)) as StructureView;
  }

  /** Every version of the places, in `sorted`'s order: one pass the first time, then kept with the snapshot. */
  private versionsIn(places: Places): readonly IndexedVersion[] {
    const key = placesKey(places);
    let versions = this.sortedIn.get(key);
    if (!versions) {
      const kept = new Set(places);
      versions = this.sorted.filter((version) => kept.has(version.place));
      this.sortedIn.set(key, versions);
    }
    return versions;
  }

  /**
   * This snapshot moved to `positions`, read inside `tx` (which must see exactly them): units with
   * an event after this snapshot's position are reloaded; everything is reloaded after a rebuild
   * onto another log, a position going back, or a large change.
   */
  static async load(tx: EntityManager, positions: IndexPositions, from?: CurrentUnitsSnapshot): Promise<CurrentUnitsSnapshot> {
    const bodies = from && sameMark(from.positions.bodies, positions.bodies) ? from.bodies : await bodyPeriods(tx);
    if (from && sameMark(from.positions.units, positions.units)) return new CurrentUnitsSnapshot(positions, from.units, from.sorted, bodies, 'kept');
    const sameLog = from && from.positions.units.storeId === positions.units.storeId && from.positions.units.position <= positions.units.position;
    const changed = sameLog ? await unitsChangedAfter(tx, from.positions.units.position) : undefined;
    if (!from || !changed || changed.length > DELTA_LIMIT) {
      const versions = await currentVersions(tx);
      return new CurrentUnitsSnapshot(positions, groupedByUnit(versions), versions.sort(byCodeThenId), bodies, 'full');
    }
    const reread: IndexedVersion[] = [];
    for (let i = 0; i < changed.length; i += DELTA_CHUNK) reread.push(...(await currentVersions(tx, changed.slice(i, i + DELTA_CHUNK))));
    const units = new Map(from.units);
    for (const unitId of changed) units.delete(unitId);
    groupedByUnit(reread, units as Map<string, IndexedVersion[]>);
    const gone = new Set(changed);
    const sorted = merged(from.sorted.filter((version) => !gone.has(version.unitId)), reread.sort(byCodeThenId));
    return new CurrentUnitsSnapshot(positions, units, sorted, bodies, 'delta');
  }
}

/**
 * The current snapshot, kept per process and keyed by the read models' checkpoints: a read first
 * reads the checkpoints in its own transaction and uses the snapshot only at exactly those
 * positions (moving it forward in that same transaction when they moved), so it is never behind
 * what the transaction sees (ADR 0018 read horizon and X-Min-Position hold) and never ahead of it.
 */
export class CurrentUnitsIndex {
  private installed: CurrentUnitsSnapshot | undefined;
  private pending: { positions: IndexPositions; snapshot: Promise<CurrentUnitsSnapshot> } | undefined;

  /** The snapshot at the positions `tx` sees; `tx` must be one snapshot of the database (REPEATABLE READ on PostgreSQL). */
  async at(tx: EntityManager): Promise<CurrentUnitsSnapshot> {
    const positions = await readIndexPositions(tx);
    const installed = this.installed;
    if (installed && samePositions(installed.positions, positions)) return installed;
    const pending = this.pending;
    // Another read at the same positions is loading them: the same rows, so its snapshot is this one.
    if (pending && samePositions(pending.positions, positions)) return pending.snapshot;
    const snapshot = CurrentUnitsSnapshot.load(tx, positions, installed);
    this.pending = { positions, snapshot };
    try {
      const loaded = await snapshot;
      if (!this.installed || isAfter(positions, this.installed.positions)) this.installed = loaded;
      return loaded;
    } finally {
      if (this.pending?.snapshot === snapshot) this.pending = undefined;
    }
  }
}

/** Both read models at or past `than` in the same log, and one of them further. */
function isAfter(positions: IndexPositions, than: IndexPositions): boolean {
  const notBefore = (a: CheckpointMark, b: CheckpointMark) => a.storeId !== b.storeId || a.position >= b.position;
  return notBefore(positions.units, than.units) && notBefore(positions.bodies, than.bodies);
}
