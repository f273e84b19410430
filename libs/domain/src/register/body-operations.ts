import type { UnitLevel, UnitSystem } from '../shared/code-lists';

export interface NewBody {
  code: string;
  name: string;
  system: UnitSystem;
  level: UnitLevel;
  parentId?: string;
  /** The former province whose territory the body serves (absent: the register's own). */
  territory?: string;
}

/** Where one unit goes: the unit by id or code, the body by id or code (a body established earlier in the decision by its code). */
export interface UnitDestination {
  unitId?: string;
  unitCode?: string;
  toBodyId?: string;
  toBodyCode?: string;
}

/**
 * What a decision does to governing bodies; applied in order, before the decision's unit operations,
 * with the decision's effective date. Bodies are named by id or by code.
 */
export type BodyOperation =
  | { type: 'ESTABLISH_BODY'; body: NewBody }
  | { type: 'RENAME_BODY'; bodyId?: string; bodyCode?: string; newName: string }
  /** The sources end; their units follow to the successor unless `unitDestinations` sends them elsewhere. */
  | { type: 'MERGE_BODIES'; sourceBodyIds?: string[]; sourceBodyCodes?: string[]; successorBodyId?: string; successorBodyCode?: string; unitDestinations?: UnitDestination[] }
  /** The body's units go to their destination, or the default; the body ends unless `bodyContinues` (then unlisted units stay). */
  | { type: 'SPLIT_BODY'; bodyId?: string; bodyCode?: string; defaultBodyId?: string; defaultBodyCode?: string; unitDestinations: UnitDestination[]; bodyContinues?: boolean }
  /** The body ends; units still under it need `transferUnitsTo`. */
  | { type: 'ABOLISH_BODY'; bodyId?: string; bodyCode?: string; transferUnitsToId?: string; transferUnitsToCode?: string };

export type BodyOperationType = BodyOperation['type'];

/** Body codes a body operation names (to preload). */
export function bodyCodesOf(operation: BodyOperation): string[] {
  const codes = (...values: (string | undefined)[]) => values.filter((v): v is string => v !== undefined);
  const destinations = (d?: UnitDestination[]) => codes(...(d ?? []).map((x) => x.toBodyCode));
  switch (operation.type) {
    case 'ESTABLISH_BODY':
      return [operation.body.code];
    case 'RENAME_BODY':
      return codes(operation.bodyCode);
    case 'MERGE_BODIES':
      return [...(operation.sourceBodyCodes ?? []), ...codes(operation.successorBodyCode), ...destinations(operation.unitDestinations)];
    case 'SPLIT_BODY':
      return [...codes(operation.bodyCode, operation.defaultBodyCode), ...destinations(operation.unitDestinations)];
    case 'ABOLISH_BODY':
      return codes(operation.bodyCode, operation.transferUnitsToCode);
  }
}

/** Body ids a body operation names (to preload). */
export function bodyIdsOf(operation: BodyOperation): string[] {
  const ids = (...values: (string | undefined)[]) => values.filter((v): v is string => v !== undefined);
  const destinations = (d?: UnitDestination[]) => ids(...(d ?? []).map((x) => x.toBodyId));
  switch (operation.type) {
    case 'ESTABLISH_BODY':
      return ids(operation.body.parentId);
    case 'RENAME_BODY':
      return ids(operation.bodyId);
    case 'MERGE_BODIES':
      return [...(operation.sourceBodyIds ?? []), ...ids(operation.successorBodyId), ...destinations(operation.unitDestinations)];
    case 'SPLIT_BODY':
      return [...ids(operation.bodyId, operation.defaultBodyId), ...destinations(operation.unitDestinations)];
    case 'ABOLISH_BODY':
      return ids(operation.bodyId, operation.transferUnitsToId);
  }
}

/** Unit ids and codes a body operation names in its destinations. */
export function unitsNamedBy(operation: BodyOperation): { unitIds: string[]; codes: string[] } {
  const destinations = operation.type === 'MERGE_BODIES' || operation.type === 'SPLIT_BODY' ? (operation.unitDestinations ?? []) : [];
  return { unitIds: destinations.flatMap((d) => (d.unitId ? [d.unitId] : [])), codes: destinations.flatMap((d) => (d.unitCode ? [d.unitCode] : [])) };
}
