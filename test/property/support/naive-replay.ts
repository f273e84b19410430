import type { RecordedEvent } from '@reorg/event-store';

/**
 * The register computed the slow, obvious way, independently of the domain's UnitTimeline and of
 * the read model: take the log as known at an instant, drop the changes of annulled decisions,
 * and fold each unit's changes in effective-date order (recording order within a date).
 */
export interface NaiveUnit {
  unitId: string;
  code: string;
  name: string;
  system: string;
  governingBodyId: string;
  level: string;
  sector: string;
  autonomyGroup: string;
  staffingQuota: number;
  basicEssentialService?: boolean;
  status: string;
  establishedOn: string;
  endedOn?: string;
  validFrom: string;
  version: number;
}

type Data = Record<string, unknown> & { unitId: string; effectiveDate: string };

const UNIT_CHANGES = new Set([
  'UnitRegistered', 'UnitEstablished', 'UnitMerged', 'UnitDissolved', 'UnitAbsorbedUnits', 'UnitPartSeparated',
  'UnitRenamed', 'UnitTransferred', 'UnitAutonomyChanged', 'UnitStaffingQuotaChanged', 'UnitJoined', 'UnitLeft',
]);

/** A governing body as the structure lists it on a date. */
export interface NaiveBody {
  id: string;
  code: string;
  name: string;
  system: string;
  active: boolean;
}

const BODY_CHANGES = new Set(['GoverningBodyRegistered', 'GoverningBodyEstablished', 'GoverningBodyRenamed', 'GoverningBodyAbolished', 'GoverningBodyMerged', 'GoverningBodySplit']);

export class NaiveRegister {
  /** Every unit id the log ever names (including units of annulled or not yet known decisions). */
  readonly allUnitIds: string[];

  constructor(private readonly log: RecordedEvent[]) {
    this.allUnitIds = [...new Set(log.filter((e) => UNIT_CHANGES.has(e.type)).map((e) => (e.data as Data).unitId))];
  }

  /** Distinct recordedAt instants, in order. */
  instants(): string[] {
    return [...new Set(this.log.map((e) => e.metadata.recordedAt))].sort();
  }

  /**
   * Which province's register governs each unit on `asOf` (null: this register's): its body's at
   * registration, none once it JOINED, the other one once it LEFT.
   */
  provincesAt(asOf: string, knownAt: string | undefined): Map<string, string | null> {
    const provinces = new Map<string, string | null>();
    for (const [unitId, events] of this.liveChanges(knownAt)) {
      for (const event of inForceOn(events, asOf)) {
        const data = event.data as Data;
        if (event.type === 'UnitRegistered' || event.type === 'UnitEstablished') provinces.set(unitId, ((data.attributes as { province?: string }).province ?? null));
        else if (event.type === 'UnitJoined') provinces.set(unitId, null);
        else if (event.type === 'UnitLeft') provinces.set(unitId, data.toProvince as string);
      }
    }
    return provinces;
  }

  /**
   * Every body that exists on `asOf` (the body read model answers by effective date only, as known
   * now): registered ones always, established ones from their date; merged away, split up (unless it
   * continues) or abolished: no longer active from that date.
   */
  bodiesAt(asOf: string): Map<string, NaiveBody> {
    const bodies = new Map<string, NaiveBody>();
    const events = this.log
      .filter((e) => BODY_CHANGES.has(e.type))
      .map((e) => ({ event: e, date: e.type === 'GoverningBodyRegistered' ? '0000-01-01' : String(e.data.effectiveDate) }))
      .filter(({ date }) => date <= asOf)
      .sort((a, b) => compare(a.date, b.date) || a.event.position - b.event.position);
    for (const { event } of events) {
      const data = event.data as Record<string, unknown> & { bodyId: string };
      const body = bodies.get(data.bodyId);
      if (event.type === 'GoverningBodyRegistered' || event.type === 'GoverningBodyEstablished') {
        bodies.set(data.bodyId, { id: data.bodyId, code: String(data.code), name: String(data.name), system: String(data.system), active: true });
      } else if (!body) throw new Error(`${event.type} at position ${event.position} changes body ${data.bodyId} before it exists`);
      else if (event.type === 'GoverningBodyRenamed') body.name = String(data.name);
      else if (event.type !== 'GoverningBodySplit' || data.continues !== true) body.active = false;
    }
    return bodies;
  }

  /** Each unit's changes as known at `knownAt` (undefined: everything), without those of annulled decisions. */
  private liveChanges(knownAt: string | undefined): Map<string, RecordedEvent[]> {
    const known = this.log.filter((e) => knownAt === undefined || e.metadata.recordedAt <= knownAt);
    const annulled = new Set(known.filter((e) => e.type === 'UnitDecisionAnnulled').map((e) => `${String(e.data.unitId)}|${String(e.data.decisionKey)}`));
    const byUnit = new Map<string, RecordedEvent[]>();
    for (const event of known) {
      if (!UNIT_CHANGES.has(event.type)) continue;
      const data = event.data as Data;
      const decision = data.decision as { key: string } | undefined;
      if (decision && annulled.has(`${data.unitId}|${decision.key}`)) continue;
      byUnit.set(data.unitId, [...(byUnit.get(data.unitId) ?? []), event]);
    }
    return byUnit;
  }

  /** Every unit established on or before `asOf` (ended ones included), as known at `knownAt`. */
  unitsAt(asOf: string, knownAt: string | undefined): Map<string, NaiveUnit> {
    const units = new Map<string, NaiveUnit>();
    for (const [unitId, events] of this.liveChanges(knownAt)) {
      let unit: NaiveUnit | undefined;
      for (const event of inForceOn(events, asOf)) unit = fold(unit, event);
      if (unit) units.set(unitId, unit);
    }
    return units;
  }

  /** Effective dates of each unit's live changes, and whether a decision (not the baseline) established it. */
  changeDates(knownAt: string | undefined): Map<string, { dates: string[]; decided: boolean }> {
    const result = new Map<string, { dates: string[]; decided: boolean }>();
    for (const [unitId, events] of this.liveChanges(knownAt)) {
      result.set(unitId, { dates: [...new Set(events.map((e) => (e.data as Data).effectiveDate))].sort(), decided: events.some((e) => e.type === 'UnitEstablished') });
    }
    return result;
  }
}

/** A unit's changes in force on `asOf`, in effective-date order (recording order within a date). */
function inForceOn(events: RecordedEvent[], asOf: string): RecordedEvent[] {
  return events
    .filter((e) => (e.data as Data).effectiveDate <= asOf)
    .sort((a, b) => compare((a.data as Data).effectiveDate, (b.data as Data).effectiveDate) || a.position - b.position);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function fold(unit: NaiveUnit | undefined, event: RecordedEvent): NaiveUnit | undefined {
  const data = event.data as Data;
  if (event.type === 'UnitRegistered' || event.type === 'UnitEstablished') {
    const a = data.attributes as Omit<NaiveUnit, 'unitId' | 'status' | 'establishedOn' | 'validFrom' | 'version'>;
    return {
      unitId: data.unitId, code: a.code, name: a.name, system: a.system, governingBodyId: a.governingBodyId, level: a.level, sector: a.sector,
      autonomyGroup: a.autonomyGroup, staffingQuota: a.staffingQuota, ...(a.basicEssentialService !== undefined ? { basicEssentialService: a.basicEssentialService } : {}),
      status: 'ACTIVE', establishedOn: data.effectiveDate, validFrom: data.effectiveDate, version: 1,
    };
  }
  if (!unit) throw new Error(`${event.type} at position ${event.position} changes unit ${data.unitId} before it exists`);
  const next: NaiveUnit = { ...unit, validFrom: data.effectiveDate, version: unit.version + 1 };
  switch (event.type) {
    case 'UnitMerged':
      return { ...next, status: 'MERGED', endedOn: data.effectiveDate };
    case 'UnitDissolved':
      return { ...next, status: 'DISSOLVED', endedOn: data.effectiveDate };
    case 'UnitAbsorbedUnits':
      return { ...next, staffingQuota: data.staffingQuota as number, autonomyGroup: data.autonomyGroup as string };
    case 'UnitPartSeparated':
      return { ...next, staffingQuota: data.staffingQuota as number };
    case 'UnitRenamed':
      return { ...next, name: data.name as string };
    case 'UnitTransferred':
      return { ...next, governingBodyId: data.toGoverningBodyId as string, system: data.toSystem as string };
    case 'UnitAutonomyChanged':
      return { ...next, autonomyGroup: data.autonomyGroup as string };
    case 'UnitStaffingQuotaChanged':
      return { ...next, staffingQuota: data.staffingQuota as number };
    case 'UnitJoined':
    case 'UnitLeft':
      // Membership of the register: no attribute the unit view shows changes (see provincesAt).
      return next;
    default:
      throw new Error(`the naive replay does not know ${event.type}`);
  }
}
