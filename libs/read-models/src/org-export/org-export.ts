import type { DecisionRef, IsoDate, OperationType } from '@reorg/domain';
import type { UnitView } from '../units/unit-view';

/** The operations that become change events: those that create or end units (docs/domain.md#exporting-history; renames and other attribute changes are dated attributes). */
export type StructuralOperation = Extract<OperationType, 'ESTABLISH' | 'CONSOLIDATE' | 'ABSORB' | 'DIVIDE' | 'SEPARATE' | 'DISSOLVE'>;

/** One structural operation of one decision: the organizations it took and those it left. */
export interface ChangeEvent {
  operation: StructuralOperation;
  /** Position of the operation in its decision (with the decision's key, the event's identity). */
  operationIndex: number;
  effectiveDate: IsoDate;
  decision: DecisionRef;
  /** Units the operation took (ended or changed), sorted. */
  originalUnitIds: string[];
  /** Units it created or changed (an absorbing target and a separation's source are on both sides), sorted. */
  resultingUnitIds: string[];
}

/** A name in force from `from` until `until` (the effective date of the next name; absent: still on asOf). */
export interface NamePeriod {
  name: string;
  /** Absent when the register does not know when the name was adopted (a body as first registered). */
  from?: IsoDate;
  until?: IsoDate;
}

export interface ExportUnit extends UnitView {
  /** Every name up to asOf, oldest first; the last is `name`. */
  names: NamePeriod[];
}

export interface ExportBody {
  id: string;
  code: string;
  name: string;
  system: string;
  level: string;
  parentId?: string;
  status: string;
  abolishedOn?: IsoDate;
  names: NamePeriod[];
}

/** The register as of a date, as known now: bodies and units (ended ones too) and the change events effective on or before it. */
export interface OrgExport {
  asOf: IsoDate;
  bodies: ExportBody[];
  units: ExportUnit[];
  changeEvents: ChangeEvent[];
}

/** A unit's change events: those it resulted from (org:resultedFrom) and those that changed or ended it (org:changedBy). */
export interface UnitChanges {
  resultedFrom: ChangeEvent[];
  changedBy: ChangeEvent[];
}

export function changesByUnit(events: readonly ChangeEvent[]): Map<string, UnitChanges> {
  const byUnit = new Map<string, UnitChanges>();
  const entry = (unitId: string): UnitChanges => {
    let changes = byUnit.get(unitId);
    if (!changes) byUnit.set(unitId, (changes = { resultedFrom: [], changedBy: [] }));
    return changes;
  };
  for (const event of events) {
    event.resultingUnitIds.forEach((id) => entry(id).resultedFrom.push(event));
    event.originalUnitIds.forEach((id) => entry(id).changedBy.push(event));
  }
  return byUnit;
}

/** Sorts by code, byte-wise (as the units list does on both databases). */
export function byCode<T extends { code: string }>(a: T, b: T): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}
