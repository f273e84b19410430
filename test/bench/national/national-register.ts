/*
 * The generator's register: every unit's and body's domain events in memory, indexed the way the
 * decisions read them, behind the domain's own RegisterView. Decisions are applied by the domain
 * (applyDecision, registerBaseline, mergeProvince) on a WorkingRegister over this view, exactly as
 * libs/register's services do over the store, and `commit` keeps what they recorded.
 */
import { type GoverningBodyEvent, GoverningBodyTimeline, type RegisterView, type UnitEvent, type UnitSnapshot, UnitTimeline, type WorkingRegister, codeKey } from '@reorg/domain';

export class NationalRegister implements RegisterView {
  private readonly unitEvents = new Map<string, UnitEvent[]>();
  private readonly unitTimelines = new Map<string, UnitTimeline>();
  private readonly latestStates = new Map<string, UnitSnapshot>();
  private readonly bodyTimelines = new Map<string, GoverningBodyTimeline>();
  private readonly codes = new Map<string, string>();
  private readonly bodyCodes = new Map<string, string>();
  private readonly everUnder = new Map<string, Set<string>>();
  private readonly provinceBodies = new Map<string, string[]>();

  unit(unitId: string): UnitTimeline | undefined {
    let timeline = this.unitTimelines.get(unitId);
    if (!timeline) {
      const events = this.unitEvents.get(unitId);
      if (!events) return undefined;
      timeline = UnitTimeline.from(unitId, events);
      this.unitTimelines.set(unitId, timeline);
    }
    return timeline;
  }

  /** A unit's latest state, cached until a decision changes it. */
  latest(unitId: string): UnitSnapshot | undefined {
    let state = this.latestStates.get(unitId);
    if (!state) {
      state = this.unit(unitId)?.latest();
      if (state) this.latestStates.set(unitId, state);
    }
    return state;
  }

  unitIdByCode(code: string): string | undefined {
    return this.codes.get(codeKey(code));
  }

  body(bodyId: string): GoverningBodyTimeline | undefined {
    return this.bodyTimelines.get(bodyId);
  }

  bodyIdByCode(code: string): string | undefined {
    return this.bodyCodes.get(codeKey(code));
  }

  unitIdsEverUnder(bodyId: string): string[] {
    return [...(this.everUnder.get(bodyId) ?? [])];
  }

  bodyIdsOfProvince(province: string): string[] {
    return this.provinceBodies.get(province) ?? [];
  }

  /** A body registered outside any decision (GoverningBodyRegistered). */
  registerBody(event: Extract<GoverningBodyEvent, { type: 'GoverningBodyRegistered' }>): void {
    this.addBodyEvent(event.data.bodyId, event, GoverningBodyTimeline.from([event]));
    this.bodyCodes.set(codeKey(event.data.code), event.data.bodyId);
  }

  /** Keeps what a successful decision left in the working register, as the atomic append would. */
  commit(working: WorkingRegister): void {
    for (const { code, unitId } of working.reservedCodes) this.codes.set(codeKey(code), unitId);
    for (const { code, bodyId } of working.reservedBodyCodes) this.bodyCodes.set(codeKey(code), bodyId);
    for (const { bodyId, event } of working.pendingBodies) this.addBodyEvent(bodyId, event, working.body(bodyId)!);
    for (const { unitId, event } of working.pending) {
      const events = this.unitEvents.get(unitId);
      if (events) events.push(event);
      else this.unitEvents.set(unitId, [event]);
      this.unitTimelines.set(unitId, working.unit(unitId)!);
      this.latestStates.delete(unitId);
      const data = event.data as { attributes?: { governingBodyId?: string }; toGoverningBodyId?: string };
      const bodyId = data.attributes?.governingBodyId ?? data.toGoverningBodyId;
      if (bodyId) this.under(bodyId).add(unitId);
    }
  }

  /** Every unit event recorded, per unit (for the naive replay). */
  get units(): ReadonlyMap<string, readonly UnitEvent[]> {
    return this.unitEvents;
  }

  private under(bodyId: string): Set<string> {
    let set = this.everUnder.get(bodyId);
    if (!set) this.everUnder.set(bodyId, (set = new Set()));
    return set;
  }

  private addBodyEvent(bodyId: string, event: GoverningBodyEvent, timeline: GoverningBodyTimeline): void {
    this.bodyTimelines.set(bodyId, timeline);
    if ((event.type === 'GoverningBodyRegistered' || event.type === 'GoverningBodyEstablished') && event.data.province) {
      this.provinceBodies.set(event.data.province, [...this.bodyIdsOfProvince(event.data.province), bodyId]);
    }
  }
}
