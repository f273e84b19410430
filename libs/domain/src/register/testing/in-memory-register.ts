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
  }

  eventCount(): number {
    return [...this.unitStreams.values()].reduce((n, events) => n + events.length, 0);
  }
}
