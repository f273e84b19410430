import type { IsoDate } from '../shared/calendar';
import type { Violation } from '../shared/violations';
import type { WorkingRegister } from './register-view';
import { violation } from './rules';

export interface Annulment {
  decisionKey: string;
  effectiveDate: IsoDate;
  /** Units the decision changed, and those among them it created. */
  touchedUnitIds: string[];
  createdUnitIds: string[];
  annulledBy: { number: string; date: IsoDate };
  reason: string;
}

/**
 * Reverses a decision by compensating events: each unit it touched returns to its state before it.
 * Refused when later-effective changes depend on it (a created unit changed by another decision, or
 * a touched unit changed by a decision effective after it).
 */
export function annulDecision(register: WorkingRegister, annulment: Annulment): { ok: true } | { ok: false; violations: Violation[] } {
  const violations: Violation[] = [];
  const created = new Set(annulment.createdUnitIds);
  for (const unitId of annulment.touchedUnitIds) {
    const timeline = register.unit(unitId);
    if (!timeline) continue;
    const label = timeline.latest()?.attributes.code ?? unitId;
    const dependants = created.has(unitId)
      ? timeline.decisionKeys().filter((k) => k !== annulment.decisionKey)
      : timeline.decisionsAfter(annulment.effectiveDate, annulment.decisionKey);
    if (dependants.length > 0) {
      violations.push(violation('CONFLICTING_DECISION', `unit ${label} was changed by later decisions (${dependants.join(', ')}) that depend on this one`, undefined, { unit: label, decisions: dependants.join(', ') }, 'dependants'));
    }
  }
  if (violations.length) return { ok: false, violations };
  for (const unitId of annulment.touchedUnitIds) {
    register.record(unitId, {
      type: 'UnitDecisionAnnulled',
      data: {
        unitId,
        decisionKey: annulment.decisionKey,
        effectiveDate: annulment.effectiveDate,
        annulment: { number: annulment.annulledBy.number, date: annulment.annulledBy.date, reason: annulment.reason },
      },
    });
  }
  return { ok: true };
}
