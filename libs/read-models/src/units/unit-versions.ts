import { type IsoDate, type UnitEvent, type UnitSnapshot, UnitTimeline } from '@reorg/domain';
import { foldForSearch } from './search-text';

/** A unit's version in force from `validFrom` to `validTo` (exclusive; null = still). */
export interface UnitVersion {
  unitId: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  code: string;
  name: string;
  search: string;
  system: string;
  governingBodyId: string;
  level: string;
  sector: string;
  autonomyGroup: string;
  staffingQuota: number;
  basicEssentialService: boolean | null;
  status: string;
  province: string | null;
  territory: string | null;
  establishedOn: IsoDate;
  endedOn: IsoDate | null;
  version: number;
}

export interface LineageLink {
  predecessorId: string;
  successorId: string;
  changeType: string;
  effectiveDate: IsoDate;
}

function effectiveDateOf(event: UnitEvent): IsoDate {
  return event.data.effectiveDate;
}

export function toVersion(snapshot: UnitSnapshot, validTo: IsoDate | null, searchOf: (text: string) => string = foldForSearch): UnitVersion {
  const a = snapshot.attributes;
  return {
    unitId: snapshot.unitId,
    validFrom: snapshot.validFrom,
    validTo,
    code: a.code,
    name: a.name,
    search: searchOf(`${a.code} ${a.name}`),
    system: a.system,
    governingBodyId: a.governingBodyId,
    level: a.level,
    sector: a.sector,
    autonomyGroup: a.autonomyGroup,
    staffingQuota: a.staffingQuota,
    basicEssentialService: a.basicEssentialService ?? null,
    status: snapshot.status,
    province: a.province ?? null,
    territory: a.territory ?? null,
    establishedOn: snapshot.establishedOn,
    endedOn: snapshot.endedOn ?? null,
    version: snapshot.version,
  };
}

/**
 * Every version of a unit, in effective order, folded by the domain's own timeline (back-fills
 * and annulments included). A version starts at each effective date where the fold changes; an
 * annulled change's date yields no version of its own.
 */
export function unitVersions(unitId: string, events: UnitEvent[]): UnitVersion[] {
  const timeline = UnitTimeline.from(unitId, events);
  const dates = [...new Set(events.map(effectiveDateOf))].sort();
  const snapshots = distinctSnapshots(timeline.asOfEach(dates));
  return snapshots.map((snapshot, i) => toVersion(snapshot, snapshots[i + 1]?.validFrom ?? null));
}

/** The snapshots on each date (ascending) that start a version: defined, and a new validFrom. */
export function distinctSnapshots(onDates: readonly (UnitSnapshot | undefined)[]): UnitSnapshot[] {
  const snapshots: UnitSnapshot[] = [];
  for (const snapshot of onDates) {
    if (snapshot && snapshot.validFrom !== snapshots.at(-1)?.validFrom) snapshots.push(snapshot);
  }
  return snapshots;
}

function linksOf(event: UnitEvent): LineageLink[] {
  switch (event.type) {
    case 'UnitEstablished':
      return event.data.predecessorIds.map((p) => ({ predecessorId: p, successorId: event.data.unitId, changeType: event.data.operation, effectiveDate: event.data.effectiveDate }));
    case 'UnitMerged':
      return event.data.successorIds.map((s) => ({ predecessorId: event.data.unitId, successorId: s, changeType: event.data.operation, effectiveDate: event.data.effectiveDate }));
    case 'UnitAbsorbedUnits':
      return event.data.sourceIds.map((p) => ({ predecessorId: p, successorId: event.data.unitId, changeType: 'ABSORB', effectiveDate: event.data.effectiveDate }));
    case 'UnitPartSeparated':
      return [{ predecessorId: event.data.unitId, successorId: event.data.newUnitId, changeType: 'SEPARATE', effectiveDate: event.data.effectiveDate }];
    default:
      return [];
  }
}

/** The lineage links a unit's own changes name, without those of annulled decisions. */
export function unitLineage(unitId: string, events: UnitEvent[]): LineageLink[] {
  const timeline = UnitTimeline.from(unitId, events);
  const live = timeline.decisionKeys().flatMap((key) => timeline.changesBy(key));
  const links = new Map<string, LineageLink>();
  for (const link of live.flatMap(linksOf)) links.set(`${link.predecessorId}>${link.successorId}`, link);
  return [...links.values()];
}
