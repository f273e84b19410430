import type { Violation } from '../shared/violations';
import { type DecisionToApply, applyDecision } from './apply-decision';
import { unitReferences } from './operations';
import { type RegisterView, WorkingRegister } from './register-view';
import type { UnitSnapshot } from './unit';

/** A unit in a preview: its state on the effective date, before and after the decision. */
export interface PreviewedUnit {
  unitId: string;
  code: string;
  before?: UnitSnapshot;
  after?: UnitSnapshot;
}

export type DecisionPreview =
  | { ok: true; effectiveDate: string; units: PreviewedUnit[]; createdUnitIds: string[] }
  | { ok: false; effectiveDate: string; units: PreviewedUnit[]; violations: Violation[] };

/**
 * The effect a decision would have, without recording it: the same decider that executes it runs on
 * a throw-away working register, and each unit it names or touches is read on the effective date
 * before and after. A refused decision answers the violations and the named units as they are.
 */
export function previewDecision(register: RegisterView, input: DecisionToApply, newId: () => string): DecisionPreview {
  const date = input.decision.effectiveDate;
  const working = new WorkingRegister(register);
  const outcome = applyDecision(working, input, newId);
  const named = input.operations.flatMap(unitReferences).flatMap((ref) => {
    const id = ref.id ?? (ref.code ? register.unitIdByCode(ref.code) : undefined);
    return id ? [id] : [];
  });
  const touched = outcome.ok ? [...outcome.value.touchedUnitIds, ...outcome.value.createdUnits.map((c) => c.unitId)] : [];
  const units = [...new Set([...named, ...touched])].flatMap((unitId): PreviewedUnit[] => {
    const before = register.unit(unitId)?.asOf(date);
    const after = outcome.ok ? working.unit(unitId)?.asOf(date) : before;
    const code = (after ?? before)?.attributes.code;
    return code === undefined ? [] : [{ unitId, code, ...(before ? { before } : {}), ...(after ? { after } : {}) }];
  });
  if (!outcome.ok) return { ok: false, effectiveDate: date, units, violations: outcome.violations };
  return { ok: true, effectiveDate: date, units, createdUnitIds: outcome.value.createdUnits.map((c) => c.unitId) };
}
