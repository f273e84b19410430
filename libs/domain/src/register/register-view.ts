import { type GoverningBodyEvent, GoverningBodyTimeline } from './governing-body';
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
  /** The body that holds (or held) a code; body codes are never reused. */
  bodyIdByCode(code: string): string | undefined;
  /** Every unit that was ever under the body (candidates: check each on its timeline). */
  unitIdsEverUnder(bodyId: string): string[];
  /** Every body registered or established for another province's register (by its code). */
  bodyIdsOfProvince(province: string): string[];
}

export interface PendingBodyEvent {
  bodyId: string;
  event: GoverningBodyEvent;
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
  private readonly bodies = new Map<string, GoverningBodyTimeline>();
  private readonly bodyCodes = new Map<string, string>();
  readonly pendingBodies: PendingBodyEvent[] = [];
  readonly reservedBodyCodes: { code: string; bodyId: string }[] = [];

  constructor(private readonly base: RegisterView) {}

  unit(unitId: string): UnitTimeline | undefined {
    return this.units.get(unitId) ?? this.base.unit(unitId);
  }

  unitIdByCode(code: string): string | undefined {
    return this.codes.get(codeKey(code)) ?? this.base.unitIdByCode(codeKey(code));
  }

  body(bodyId: string): GoverningBodyTimeline | undefined {
    return this.bodies.get(bodyId) ?? this.base.body(bodyId);
  }

  bodyIdByCode(code: string): string | undefined {
    return this.bodyCodes.get(codeKey(code)) ?? this.base.bodyIdByCode(code);
  }

  unitIdsEverUnder(bodyId: string): string[] {
    const pending = this.pending.flatMap(({ unitId, event }) => {
      const data = event.data as { attributes?: { governingBodyId?: string }; toGoverningBodyId?: string };
      return data.attributes?.governingBodyId === bodyId || data.toGoverningBodyId === bodyId ? [unitId] : [];
    });
    return [...new Set([...this.base.unitIdsEverUnder(bodyId), ...pending])];
  }

  bodyIdsOfProvince(province: string): string[] {
    const pending = this.pendingBodies.flatMap(({ bodyId, event }) => (event.type === 'GoverningBodyEstablished' && event.data.province === province ? [bodyId] : []));
    return [...new Set([...this.base.bodyIdsOfProvince(province), ...pending])];
  }

  recordBody(bodyId: string, event: GoverningBodyEvent): void {
    const timeline = this.body(bodyId) ?? GoverningBodyTimeline.from([]);
    this.bodies.set(bodyId, timeline.with([event]));
    this.pendingBodies.push({ bodyId, event });
  }

  reserveBodyCode(code: string, bodyId: string): void {
    this.bodyCodes.set(codeKey(code), bodyId);
    this.reservedBodyCodes.push({ code, bodyId });
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
    const bodies = new Map(this.bodies);
    const bodyCodes = new Map(this.bodyCodes);
    const pendingBodies = this.pendingBodies.length;
    const reservedBodies = this.reservedBodyCodes.length;
    return () => {
      this.bodies.clear();
      bodies.forEach((v, k) => this.bodies.set(k, v));
      this.bodyCodes.clear();
      bodyCodes.forEach((v, k) => this.bodyCodes.set(k, v));
      this.pendingBodies.length = pendingBodies;
      this.reservedBodyCodes.length = reservedBodies;
      this.units.clear();
      units.forEach((v, k) => this.units.set(k, v));
      this.codes.clear();
      codes.forEach((v, k) => this.codes.set(k, v));
      this.pending.length = pending;
      this.reservedCodes.length = reserved;
    };
  }
}
