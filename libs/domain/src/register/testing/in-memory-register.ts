import { type GoverningBodyEvent, GoverningBodyTimeline } from '../governing-body';
import { type RegisterView, type WorkingRegister, codeKey } from '../register-view';
import type { UnitEvent } from '../unit';
import { UnitTimeline } from '../unit-timeline';

/** The register as the event store would hold it: one event list per unit and per body. For specs. */
export class InMemoryRegister implements RegisterView {
  readonly unitStreams = new Map<string, UnitEvent[]>();
  readonly bodyStreams = new Map<string, GoverningBodyEvent[]>();
  readonly codes = new Map<string, string>();

  unit(unitId: string): UnitTimeline | undefined {
    const events = this.unitStreams.get(unitId);
    return events ? UnitTimeline.from(unitId, events) : undefined;
  }

  unitIdByCode(code: string): string | undefined {
    return this.codes.get(codeKey(code));
  }

  body(bodyId: string): GoverningBodyTimeline | undefined {
    const events = this.bodyStreams.get(bodyId);
    return events ? GoverningBodyTimeline.from(events) : undefined;
  }

  bodyIdByCode(code: string): string | undefined {
    for (const [bodyId, events] of this.bodyStreams) {
      const first = events[0];
      if ((first?.type === 'GoverningBodyRegistered' || first?.type === 'GoverningBodyEstablished') && codeKey(first.data.code) === codeKey(code)) return bodyId;
    }
    return undefined;
  }

  unitIdsEverUnder(bodyId: string): string[] {
    return [...this.unitStreams].filter(([, events]) => events.some((e) => {
      const data = e.data as { attributes?: { governingBodyId?: string }; toGoverningBodyId?: string };
      return data.attributes?.governingBodyId === bodyId || data.toGoverningBodyId === bodyId;
    })).map(([unitId]) => unitId);
  }

  bodyIdsOfProvince(province: string): string[] {
    return [...this.bodyStreams].filter(([, events]) => {
      const first = events[0];
      return (first?.type === 'GoverningBodyRegistered' || first?.type === 'GoverningBodyEstablished') && first.data.province === province;
    }).map(([bodyId]) => bodyId);
  }

  appendUnitEvents(unitId: string, events: UnitEvent[]): void {
    this.unitStreams.set(unitId, [...(this.unitStreams.get(unitId) ?? []), ...events]);
  }

  appendBodyEvents(bodyId: string, events: GoverningBodyEvent[]): void {
    this.bodyStreams.set(bodyId, [...(this.bodyStreams.get(bodyId) ?? []), ...events]);
  }

  /** Stores what a successful command left pending, as the application's atomic append would. */
  commit(working: WorkingRegister): void {
    for (const { unitId, event } of working.pending) this.appendUnitEvents(unitId, [event]);
    for (const { code, unitId } of working.reservedCodes) this.codes.set(codeKey(code), unitId);
    for (const { bodyId, event } of working.pendingBodies) this.appendBodyEvents(bodyId, [event]);
  }

  eventCount(): number {
    return [...this.unitStreams.values()].reduce((n, events) => n + events.length, 0);
  }
}
