import type { GoverningBodyTimeline } from './governing-body';
import type { UnitEvent } from './unit';
import { UnitTimeline } from './unit-timeline';

/** Unit codes are compared NFC-normalised, trimmed and case-insensitively. */
export function codeKey(code: string): string {
  return code.normalize('NFC').trim().toLocaleUpperCase('vi');
}

/** What a decision needs to read; the application preloads it from the event store. */
export interface RegisterView {
  unit(unitId: string): UnitTimeline | undefined;
  /** The unit that holds (or held) a code, by codeKey; codes are never reused. */
  unitIdByCode(code: string): string | undefined;
  body(bodyId: string): GoverningBodyTimeline | undefined;
}

export interface PendingUnitEvent {
  unitId: string;
  event: UnitEvent;
}

/**
 * The register as a decision sees it while it is being applied: the preloaded view plus every
 * change made so far by this decision (and earlier ones in the same import batch).
 */
export class WorkingRegister implements RegisterView {
  private readonly units = new Map<string, UnitTimeline>();
  private readonly codes = new Map<string, string>();
  readonly pending: PendingUnitEvent[] = [];
  readonly reservedCodes: { code: string; unitId: string }[] = [];

  constructor(private readonly base: RegisterView) {}

  unit(unitId: string): UnitTimeline | undefined {
    return this.units.get(unitId) ?? this.base.unit(unitId);
  }

  unitIdByCode(code: string): string | undefined {
    return this.codes.get(codeKey(code)) ?? this.base.unitIdByCode(codeKey(code));
  }

  body(bodyId: string) {
    return this.base.body(bodyId);
  }

  record(unitId: string, event: UnitEvent): void {
    const timeline = this.unit(unitId) ?? UnitTimeline.empty(unitId);
    this.units.set(unitId, timeline.with([event]));
    this.pending.push({ unitId, event });
  }

  reserveCode(code: string, unitId: string): void {
    this.codes.set(codeKey(code), unitId);
    this.reservedCodes.push({ code, unitId });
  }

  /** A savepoint: `rollback` forgets everything recorded after it. */
  mark(): () => void {
    const units = new Map(this.units);
    const codes = new Map(this.codes);
    const pending = this.pending.length;
    const reserved = this.reservedCodes.length;
    return () => {
      this.units.clear();
      units.forEach((v, k) => this.units.set(k, v));
      this.codes.clear();
      codes.forEach((v, k) => this.codes.set(k, v));
      this.pending.length = pending;
      this.reservedCodes.length = reserved;
    };
  }
}
