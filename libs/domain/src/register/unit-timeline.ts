import type { IsoDate } from '../shared/calendar';
import { type UnitEvent, type UnitSnapshot, decisionKeyOf, endsUnit } from './unit';

interface Entry {
  event: UnitEvent;
  effectiveDate: IsoDate;
  decisionKey?: string;
  seq: number;
}

/**
 * A unit's history by effective date. Decisions are recorded out of order (back-fills), so the
 * state on a date is the fold of every change effective on or before it, whatever order the
 * changes were recorded in. An annulled decision's changes drop out of the fold.
 */
export class UnitTimeline {
  private constructor(
    readonly unitId: string,
    private readonly entries: Entry[],
    /** Annulled decision key → number of changes recorded before the annulment (a re-recorded decision stays live). */
    private readonly annulled: ReadonlyMap<string, number>,
  ) {}

  static empty(unitId: string): UnitTimeline {
    return new UnitTimeline(unitId, [], new Map());
  }

  static from(unitId: string, events: UnitEvent[]): UnitTimeline {
    return UnitTimeline.empty(unitId).with(events);
  }

  /** A new timeline with the events appended (in recording order). */
  with(events: UnitEvent[]): UnitTimeline {
    const entries = [...this.entries];
    const annulled = new Map(this.annulled);
    for (const event of events) {
      if (event.type === 'UnitDecisionAnnulled') {
        annulled.set(event.data.decisionKey, entries.length);
        continue;
      }
      entries.push({ event, effectiveDate: event.data.effectiveDate, decisionKey: decisionKeyOf(event), seq: entries.length });
    }
    entries.sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : a.seq - b.seq));
    return new UnitTimeline(this.unitId, entries, annulled);
  }

  private live(): Entry[] {
    return this.entries.filter((e) => !e.decisionKey || e.seq >= (this.annulled.get(e.decisionKey) ?? 0));
  }

  /** Whether any (non-annulled) change exists at all: a unit whose only decision was annulled never existed. */
  get exists(): boolean {
    return this.live().some((e) => e.event.type === 'UnitRegistered' || e.event.type === 'UnitEstablished');
  }

  asOf(date: IsoDate): UnitSnapshot | undefined {
    let snapshot: UnitSnapshot | undefined;
    for (const entry of this.live()) {
      if (entry.effectiveDate > date) break;
      snapshot = evolve(snapshot, entry);
    }
    return snapshot;
  }

  /** The state on each of the ascending `dates`, in one pass (`asOf` per date folds from the start each time). */
  asOfEach(dates: readonly IsoDate[]): (UnitSnapshot | undefined)[] {
    const live = this.live();
    const states: (UnitSnapshot | undefined)[] = [];
    let snapshot: UnitSnapshot | undefined;
    let next = 0;
    for (const date of dates) {
      // `!(a > b)` rather than `a <= b`: exactly asOf's stopping rule, whatever the dates hold.
      while (next < live.length && !(live[next].effectiveDate > date)) snapshot = evolve(snapshot, live[next++]);
      states.push(snapshot);
    }
    return states;
  }

  /** The latest state, whatever the date. */
  latest(): UnitSnapshot | undefined {
    return this.asOf('9999-12-31');
  }

  isActiveOn(date: IsoDate): boolean {
    return this.asOf(date)?.status === 'ACTIVE';
  }

  /** Decisions other than `decisionKey` that change the unit on exactly this date. */
  decisionsOn(date: IsoDate, exceptDecisionKey?: string): string[] {
    return unique(this.live().filter((e) => e.effectiveDate === date && e.decisionKey && e.decisionKey !== exceptDecisionKey && !MEMBERSHIP.has(e.event.type)).map((e) => e.decisionKey!));
  }

  /** Decisions other than `decisionKey` that change the unit after the date. */
  decisionsAfter(date: IsoDate, exceptDecisionKey?: string): string[] {
    return unique(this.live().filter((e) => e.effectiveDate > date && e.decisionKey && e.decisionKey !== exceptDecisionKey && !MEMBERSHIP.has(e.event.type)).map((e) => e.decisionKey!));
  }

  /** Every decision that changed the unit, in effective order. */
  decisionKeys(): string[] {
    return unique(this.live().flatMap((e) => (e.decisionKey ? [e.decisionKey] : [])));
  }

  /** Changes made by one decision (e.g. to reverse it). */
  changesBy(decisionKey: string): UnitEvent[] {
    return this.live().filter((e) => e.decisionKey === decisionKey).map((e) => e.event);
  }
}

/** Joining or leaving the register changes no unit by decision: it never competes with one on a date. */
const MEMBERSHIP = new Set<UnitEvent['type']>(['UnitJoined', 'UnitLeft']);

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * `state` changed by one more change that sorts after every change folded into it (effective on or
 * after all of them, recorded last): the forward step of a fold that never re-sorts. Returns
 * `state` itself when the change changes nothing. Not for annulments, which refold the timeline.
 */
export function evolveForward(state: UnitSnapshot | undefined, event: Exclude<UnitEvent, { type: 'UnitDecisionAnnulled' }>): UnitSnapshot | undefined {
  return evolve(state, { event, effectiveDate: event.data.effectiveDate });
}

function evolve(state: UnitSnapshot | undefined, entry: Pick<Entry, 'event' | 'effectiveDate'>): UnitSnapshot | undefined {
  const { event, effectiveDate } = entry;
  if (event.type === 'UnitRegistered' || event.type === 'UnitEstablished') {
    return { unitId: event.data.unitId, attributes: { ...event.data.attributes }, status: 'ACTIVE', establishedOn: effectiveDate, validFrom: effectiveDate, version: 1 };
  }
  if (!state) return state;
  const next: UnitSnapshot = { ...state, attributes: { ...state.attributes }, validFrom: effectiveDate, version: state.version + 1 };
  switch (event.type) {
    case 'UnitMerged':
      return { ...next, status: 'MERGED', endedOn: effectiveDate };
    case 'UnitDissolved':
      return { ...next, status: 'DISSOLVED', endedOn: effectiveDate };
    case 'UnitAbsorbedUnits':
      next.attributes.staffingQuota = event.data.staffingQuota;
      next.attributes.autonomyGroup = event.data.autonomyGroup;
      return next;
    case 'UnitPartSeparated':
      next.attributes.staffingQuota = event.data.staffingQuota;
      return next;
    case 'UnitRenamed':
      next.attributes.name = event.data.name;
      return next;
    case 'UnitTransferred':
      next.attributes.governingBodyId = event.data.toGoverningBodyId;
      next.attributes.system = event.data.toSystem;
      return next;
    case 'UnitAutonomyChanged':
      next.attributes.autonomyGroup = event.data.autonomyGroup;
      return next;
    case 'UnitStaffingQuotaChanged':
      next.attributes.staffingQuota = event.data.staffingQuota;
      return next;
    case 'UnitJoined':
      delete next.attributes.province;
      next.attributes.territory = state.attributes.territory ?? event.data.fromProvince;
      return next;
    case 'UnitLeft':
      next.attributes.province = event.data.toProvince;
      return next;
    default:
      return endsUnit(event) ? next : state;
  }
}
