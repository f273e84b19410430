import type { IsoDate } from '../shared/calendar';
import type { UnitLevel, UnitSystem } from '../shared/code-lists';

export interface BodyDecisionRef {
  number: string;
  date: IsoDate;
}

export type GoverningBodyEvent =
  | { type: 'GoverningBodyRegistered'; data: { bodyId: string; code: string; name: string; system: UnitSystem; level: UnitLevel; parentId?: string } }
  | { type: 'GoverningBodyRenamed'; data: { bodyId: string; name: string; previousName: string; effectiveDate: IsoDate; decision: BodyDecisionRef } }
  | { type: 'GoverningBodyAbolished'; data: { bodyId: string; effectiveDate: IsoDate; decision: BodyDecisionRef; transferUnitsTo: string } };

export interface GoverningBodySnapshot {
  bodyId: string;
  code: string;
  name: string;
  system: UnitSystem;
  level: UnitLevel;
  parentId?: string;
  status: 'ACTIVE' | 'ABOLISHED';
  abolishedOn?: IsoDate;
}

/** A governing body exists from registration; renames and abolition are dated. */
export class GoverningBodyTimeline {
  private constructor(private readonly events: GoverningBodyEvent[]) {}

  static from(events: GoverningBodyEvent[]): GoverningBodyTimeline {
    return new GoverningBodyTimeline(events);
  }

  get exists(): boolean {
    return this.events.some((e) => e.type === 'GoverningBodyRegistered');
  }

  asOf(date: IsoDate): GoverningBodySnapshot | undefined {
    const registered = this.events.find((e) => e.type === 'GoverningBodyRegistered');
    if (!registered || registered.type !== 'GoverningBodyRegistered') return undefined;
    const snapshot: GoverningBodySnapshot = { ...registered.data, status: 'ACTIVE' };
    const dated = this.events
      .filter((e) => e.type !== 'GoverningBodyRegistered')
      .map((e, seq) => ({ e, seq }))
      .sort((a, b) => (effectiveOf(a.e) < effectiveOf(b.e) ? -1 : effectiveOf(a.e) > effectiveOf(b.e) ? 1 : a.seq - b.seq));
    for (const { e } of dated) {
      if (effectiveOf(e) > date) break;
      if (e.type === 'GoverningBodyRenamed') snapshot.name = e.data.name;
      if (e.type === 'GoverningBodyAbolished') {
        snapshot.status = 'ABOLISHED';
        snapshot.abolishedOn = e.data.effectiveDate;
      }
    }
    return snapshot;
  }

  latest(): GoverningBodySnapshot | undefined {
    return this.asOf('9999-12-31');
  }

  isActiveOn(date: IsoDate): boolean {
    return this.asOf(date)?.status === 'ACTIVE';
  }

  /** Abolition date, if any (abolition is final). */
  abolishedOn(): IsoDate | undefined {
    const abolished = this.events.find((e) => e.type === 'GoverningBodyAbolished');
    return abolished?.type === 'GoverningBodyAbolished' ? abolished.data.effectiveDate : undefined;
  }
}

function effectiveOf(event: GoverningBodyEvent): IsoDate {
  return event.type === 'GoverningBodyRegistered' ? '0000-01-01' : event.data.effectiveDate;
}
