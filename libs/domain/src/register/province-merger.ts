import type { Violation } from '../shared/violations';
import type { WorkingRegister } from './register-view';
import { restructuringViolation } from './restructuring-rules';
import type { DecisionRef } from './unit';

export interface ProvinceMerger {
  /** The joining province's code, as its bodies were registered with it. */
  province: string;
  /** The act that merges it (e.g. Resolution 202/2025/QH15); its effective date is the merger date. */
  decision: DecisionRef;
}

export interface MergedProvince {
  joinedBodyIds: string[];
  joinedUnitIds: string[];
}

/**
 * A second province's register joins this one on the decision's effective date: each of its bodies
 * and each unit active under them then becomes this register's (JOINED, not created), keeping the
 * former province as its territory. Units that ended before the date never joined.
 */
export function mergeProvince(register: WorkingRegister, input: ProvinceMerger): { ok: true; value: MergedProvince } | { ok: false; violations: Violation[] } {
  const { province, decision } = input;
  const date = decision.effectiveDate;
  const candidates = register.bodyIdsOfProvince(province);
  if (candidates.length === 0) return { ok: false, violations: [restructuringViolation('PROVINCE_UNKNOWN', { province }, 'province')] };
  const bodies = candidates.filter((id) => {
    const state = register.body(id)?.asOf(date);
    return state?.status === 'ACTIVE' && state.province === province;
  });
  if (bodies.length === 0) return { ok: false, violations: [restructuringViolation('PROVINCE_ALREADY_JOINED', { province, date }, 'province')] };
  const unitIds = [...new Set(bodies.flatMap((id) => register.unitIdsEverUnder(id)))].sort();
  const createdLater = unitIds.filter((id) => {
    const latest = register.unit(id)?.latest();
    return latest?.attributes.province === province && latest.establishedOn > date;
  });
  if (createdLater.length) {
    const decisions = createdLater.map((id) => register.unit(id)!.latest()!.attributes.code).join(', ');
    return { ok: false, violations: [restructuringViolation('PROVINCE_CHANGED_LATER', { province, date, decisions }, 'effectiveDate')] };
  }
  const joining = unitIds.filter((id) => {
    const state = register.unit(id)?.asOf(date);
    return state?.status === 'ACTIVE' && state.attributes.province === province;
  });
  const ref = { key: decision.key, number: decision.number, date: decision.date };
  for (const bodyId of bodies) register.recordBody(bodyId, { type: 'GoverningBodyJoined', data: { bodyId, effectiveDate: date, decision: ref, fromProvince: province } });
  for (const unitId of joining) {
    register.record(unitId, { type: 'UnitJoined', data: { unitId, effectiveDate: date, decision, operationIndex: 0, fromProvince: province } });
  }
  return { ok: true, value: { joinedBodyIds: bodies, joinedUnitIds: joining } };
}
