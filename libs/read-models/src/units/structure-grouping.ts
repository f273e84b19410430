import type { IsoDate } from '@reorg/domain';
import type { UnitView } from './unit-view';

export interface BodyWithUnits<U = UnitView> {
  id: string;
  code: string;
  name: string;
  system: string;
  units: U[];
}

export interface StructureView {
  asOf: IsoDate;
  knownAt: string;
  totals: { active: number; bySystem: Record<string, number>; bySector: Record<string, number> };
  bodies: BodyWithUnits[];
}

/** What the structure needs of a governing body's period. */
export interface BodyPeriod {
  bodyId: string;
  validFrom: string;
  validTo: string | null;
  code: string;
  name: string;
  system: string;
  status: string;
  /** Where the body sits: its territory, else the province whose register governs it; null: this register's own. */
  place?: string | null;
}

/**
 * The places a structure keeps (a 2025 province's former provinces, and null for this register's
 * own units when it is that province): units and bodies whose place — territory, else province —
 * is listed. Absent: everything.
 */
export type Places = readonly (string | null)[];

/** A body's place: its territory, else its province; null: this register's own. */
export const placeOf = (body: { territory?: string | null; province?: string | null }): string | null => body.territory ?? body.province ?? null;

interface GroupedUnit {
  system: string;
  sector: string;
  governingBodyId: string;
}

const SYSTEMS = ['GOVERNMENT', 'PARTY_MASS'];

export function totalsOf(units: readonly GroupedUnit[]): StructureView['totals'] {
  const bySystem: Record<string, number> = Object.fromEntries(SYSTEMS.map((s) => [s, 0]));
  const bySector: Record<string, number> = {};
  for (const unit of units) {
    bySystem[unit.system] = (bySystem[unit.system] ?? 0) + 1;
    bySector[unit.sector] = (bySector[unit.sector] ?? 0) + 1;
  }
  return { active: units.length, bySystem, bySector: Object.fromEntries(Object.entries(bySector).sort(([a], [b]) => a.localeCompare(b))) };
}

const byCodeThenId = (a: { code: string; id: string }, b: { code: string; id: string }) =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Active bodies on the date (their periods in force then), plus any body an active unit still
 * names; bodies by code (then id), each unit under its body in the order given. `named`: the
 * periods to name such a body from when `periods` were narrowed to some places (default: `periods`).
 */
export function groupByBody<U extends GroupedUnit>(units: readonly U[], periods: readonly BodyPeriod[], named: readonly BodyPeriod[] = periods): BodyWithUnits<U>[] {
  const periodById = new Map(named.map((p) => [p.bodyId, p]));
  const bodies = new Map<string, BodyWithUnits<U>>();
  for (const p of periods) if (p.status === 'ACTIVE') bodies.set(p.bodyId, { id: p.bodyId, code: p.code, name: p.name, system: p.system, units: [] });
  for (const unit of units) {
    let body = bodies.get(unit.governingBodyId);
    if (!body) {
      const p = periodById.get(unit.governingBodyId);
      body = { id: unit.governingBodyId, code: p?.code ?? '', name: p?.name ?? '', system: p?.system ?? unit.system, units: [] };
      bodies.set(body.id, body);
    }
    body.units.push(unit);
  }
  return [...bodies.values()].sort(byCodeThenId);
}
