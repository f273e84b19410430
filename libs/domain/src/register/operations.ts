import type { AutonomyGroup, OperationType, Sector, UnitLevel, UnitSystem } from '../shared/code-lists';
import type { DissolutionGround } from './rule-book';

export interface NewUnit {
  code: string;
  name: string;
  system?: UnitSystem;
  governingBodyId: string;
  level: UnitLevel;
  sector: Sector;
  autonomyGroup: AutonomyGroup;
  staffingQuota: number;
  /** Public employees (viên chức): what the minimum counts from Decree 283 (2025-11-01). */
  publicEmployees?: number;
  /** Professional contract staff: count towards the minimum of a self-financing (G1, G2) unit from Decree 283. */
  contractProfessionalStaff?: number;
  basicEssentialService?: boolean;
}

/** Existing units are named by id or, where the API allows it, by code. */
export type Operation =
  | { type: 'ESTABLISH'; unit: NewUnit }
  | { type: 'CONSOLIDATE'; sourceUnitIds?: string[]; sourceUnitCodes?: string[]; newUnit: NewUnit }
  | { type: 'ABSORB'; targetUnitId?: string; targetUnitCode?: string; sourceUnitIds?: string[]; sourceUnitCodes?: string[]; staffingQuotaAfter?: number; autonomyGroupAfter?: AutonomyGroup }
  | { type: 'DIVIDE'; sourceUnitId?: string; sourceUnitCode?: string; newUnits: NewUnit[] }
  | { type: 'SEPARATE'; sourceUnitId?: string; sourceUnitCode?: string; newUnit: NewUnit; sourceStaffingQuotaAfter: number }
  | { type: 'DISSOLVE'; unitId?: string; unitCode?: string; settlementRef?: string; nothingToSettle?: boolean; ground?: DissolutionGround }
  | { type: 'RENAME'; unitId?: string; unitCode?: string; newName: string }
  | { type: 'TRANSFER'; unitId?: string; unitCode?: string; toGoverningBodyId: string }
  | { type: 'CHANGE_AUTONOMY'; unitId?: string; unitCode?: string; autonomyGroup: AutonomyGroup }
  | { type: 'CHANGE_STAFFING_QUOTA'; unitId?: string; unitCode?: string; staffingQuota: number };

export type OperationOf<T extends OperationType> = Extract<Operation, { type: T }>;

export interface UnitReference {
  id?: string;
  code?: string;
  /** Field name the reference came from, for error paths. */
  field: string;
}

/** Every existing unit an operation names, in the order it names them. */
export function unitReferences(operation: Operation): UnitReference[] {
  const many = (field: string, ids?: string[], codes?: string[]): UnitReference[] => [
    ...(ids ?? []).map((id, i) => ({ id, field: `${field}Ids[${i}]` })),
    ...(codes ?? []).map((code, i) => ({ code, field: `${field}Codes[${i}]` })),
  ];
  const one = (field: string, id?: string, code?: string): UnitReference[] => (id || code ? [{ id, code, field: id ? `${field}Id` : `${field}Code` }] : []);
  switch (operation.type) {
    case 'ESTABLISH':
      return [];
    case 'CONSOLIDATE':
      return many('sourceUnit', operation.sourceUnitIds, operation.sourceUnitCodes);
    case 'ABSORB':
      return [...one('targetUnit', operation.targetUnitId, operation.targetUnitCode), ...many('sourceUnit', operation.sourceUnitIds, operation.sourceUnitCodes)];
    case 'DIVIDE':
    case 'SEPARATE':
      return one('sourceUnit', operation.sourceUnitId, operation.sourceUnitCode);
    default:
      return one('unit', operation.unitId, operation.unitCode);
  }
}

export function newUnitsOf(operation: Operation): NewUnit[] {
  switch (operation.type) {
    case 'ESTABLISH':
      return [operation.unit];
    case 'CONSOLIDATE':
    case 'SEPARATE':
      return [operation.newUnit];
    case 'DIVIDE':
      return operation.newUnits;
    default:
      return [];
  }
}

/** Governing bodies an operation names (new units' bodies and a transfer's target). */
export function bodyReferences(operation: Operation): string[] {
  const bodies = newUnitsOf(operation).map((u) => u.governingBodyId);
  if (operation.type === 'TRANSFER') bodies.push(operation.toGoverningBodyId);
  return bodies;
}
