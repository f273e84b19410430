import { type IsoDate, UNIT_EVENT_TYPES, type UnitEvent, type UnitSnapshot, UnitTimeline, evolveForward } from '@reorg/domain';
import type { RecordedEvent } from '@reorg/event-store';
import type { BulkFold, TableRows } from '@reorg/projections/rebuild';
import { foldForSearch } from './search-text';
import { UnitEventRow, UnitLineageRow, UnitVersionRow } from './unit-read-model.entities';
import { type UnitVersion, distinctSnapshots, toVersion, unitLineage } from './unit-versions';

const HANDLED = new Set<string>(UNIT_EVENT_TYPES);

const CONTENT_FIELDS = [
  'validFrom', 'validTo', 'code', 'name', 'search', 'system', 'governingBodyId', 'level', 'sector', 'autonomyGroup',
  'staffingQuota', 'basicEssentialService', 'status', 'province', 'territory', 'establishedOn', 'endedOn', 'version',
] as const satisfies readonly (keyof UnitVersion)[];

/** The projection's `sameVersion`: every content field equal. */
function sameVersion(a: UnitVersion, b: UnitVersion): boolean {
  return CONTENT_FIELDS.every((field) => a[field] === b[field]);
}

interface OpenVersion {
  version: UnitVersion;
  recordedFrom: string;
  recordedFromPosition: number;
}

/** The events that can name a lineage link: a unit without any has none. */
const LINKING = new Set<string>(['UnitEstablished', 'UnitMerged', 'UnitAbsorbedUnits', 'UnitPartSeparated']);

interface UnitFold {
  /**
   * The unit's events in recording order (for a refold and its lineage). Kept parsed: keeping
   * their JSON text instead (less for the garbage collector to trace) cost more in parsing at the
   * refolds of back-filled units than it saved (bench at 200k events, 15 % back-fills).
   */
  events: UnitEvent[];
  /** Whether any of them can name a lineage link. */
  linking: boolean;
  /** The greatest effective date among them ('' before the first). */
  lastDate: IsoDate | '';
  /** The state on `lastDate`: every live change folded. */
  latest: UnitSnapshot | undefined;
  /** The current rows of the unit's versions, ascending by validFrom. */
  open: OpenVersion[];
  /** The last `code name` folded for search, and its folding (names change rarely between versions). */
  searchText: string;
  search: string;
}

interface Recorded {
  recordedAt: string;
  position: number;
}

/*
 * Rows and versions built field by field rather than spread: one object shape for hundreds of
 * thousands of rows, which V8 allocates and copies far faster than spread copies.
 */
function endedAt(v: UnitVersion, validTo: IsoDate): UnitVersion {
  return {
    unitId: v.unitId, validFrom: v.validFrom, validTo, code: v.code, name: v.name, search: v.search, system: v.system, governingBodyId: v.governingBodyId, level: v.level,
    sector: v.sector, autonomyGroup: v.autonomyGroup, staffingQuota: v.staffingQuota, basicEssentialService: v.basicEssentialService, status: v.status, province: v.province,
    territory: v.territory, establishedOn: v.establishedOn, endedOn: v.endedOn, version: v.version,
  };
}

function versionRow(v: UnitVersion, from: Pick<OpenVersion, 'recordedFrom' | 'recordedFromPosition'>, recordedTo: string | null, recordedToPosition: number | null): UnitVersionRow {
  return {
    unitId: v.unitId, validFrom: v.validFrom, validTo: v.validTo, code: v.code, name: v.name, search: v.search, system: v.system, governingBodyId: v.governingBodyId, level: v.level,
    sector: v.sector, autonomyGroup: v.autonomyGroup, staffingQuota: v.staffingQuota, basicEssentialService: v.basicEssentialService, status: v.status, province: v.province,
    territory: v.territory, establishedOn: v.establishedOn, endedOn: v.endedOn, version: v.version,
    recordedFrom: from.recordedFrom, recordedFromPosition: from.recordedFromPosition, recordedTo, recordedToPosition,
  };
}

function searchOf(unit: UnitFold): (text: string) => string {
  return (text) => {
    if (text !== unit.searchText) {
      unit.searchText = text;
      unit.search = foldForSearch(text);
    }
    return unit.search;
  };
}

function effectiveDates(events: readonly UnitEvent[]): IsoDate[] {
  return [...new Set(events.map((event) => event.data.effectiveDate))].sort();
}

/**
 * The units projection (`units.v1`) folded in memory for a rebuild: per event the same version
 * difference `unitsProjection.apply` records (closing, deleting and adding versions as of the
 * event's recordedAt), without reading rows back. Forward-only: an event effective on or after
 * every change of its unit only changes the unit's last version (one `evolve`, no copy or sort of
 * the timeline); a back-fill or an annulment refolds that one unit's timeline. Closed versions and
 * unit events are final and leave at once; open versions and lineage leave at the end.
 */
export class UnitsBulkFold implements BulkFold {
  private readonly units = new Map<string, UnitFold>();
  /** The last recordedAt read and its ISO form: the events of one commit share it. */
  private recordedAt = { raw: '' as unknown, iso: '' };

  fold(events: readonly RecordedEvent[]): TableRows[] {
    const eventRows: UnitEventRow[] = [];
    const closed: UnitVersionRow[] = [];
    for (const event of events) {
      if (!HANDLED.has(event.type)) continue;
      const unitId = String(event.data.unitId);
      eventRows.push({ position: event.position, unitId, type: event.type, data: JSON.stringify(event.data) });
      let unit = this.units.get(unitId);
      if (!unit) this.units.set(unitId, (unit = { events: [], linking: false, lastDate: '', latest: undefined, open: [], searchText: '', search: '' }));
      const unitEvent = { type: event.type, data: event.data } as unknown as UnitEvent;
      unit.events.push(unitEvent);
      if (LINKING.has(unitEvent.type)) unit.linking = true;
      if (event.metadata.recordedAt !== this.recordedAt.raw) this.recordedAt = { raw: event.metadata.recordedAt, iso: new Date(event.metadata.recordedAt).toISOString() };
      const recorded = { recordedAt: this.recordedAt.iso, position: event.position };
      const date = unitEvent.data.effectiveDate;
      if (unitEvent.type !== 'UnitDecisionAnnulled' && date >= unit.lastDate) {
        unit.lastDate = date;
        this.forward(unit, evolveForward(unit.latest, unitEvent), recorded, closed);
      } else {
        if (date > unit.lastDate) unit.lastDate = date;
        this.refold(unitId, unit, recorded, closed);
      }
    }
    return [
      { entity: UnitEventRow, rows: eventRows },
      { entity: UnitVersionRow, rows: closed },
    ];
  }

  finish(): TableRows[] {
    const open: UnitVersionRow[] = [];
    const lineage: UnitLineageRow[] = [];
    for (const [unitId, unit] of this.units) {
      for (const row of unit.open) open.push(versionRow(row.version, row, null, null));
      if (unit.linking) for (const link of unitLineage(unitId, unit.events)) lineage.push({ ...link, sourceUnitId: unitId });
    }
    return [
      { entity: UnitVersionRow, rows: open },
      { entity: UnitLineageRow, rows: lineage },
    ];
  }

  /**
   * The unit's latest state became `next`: its last version is replaced (same start) or ends
   * where `next` starts a new one. Earlier versions are untouched.
   */
  private forward(unit: UnitFold, next: UnitSnapshot | undefined, recorded: Recorded, closed: UnitVersionRow[]): void {
    const last = unit.latest;
    if (next === last || !next) return;
    unit.latest = next;
    const removed = last ? [unit.open.pop()!] : [];
    const added = last && last.validFrom !== next.validFrom ? [endedAt(removed[0].version, next.validFrom), toVersion(next, null, searchOf(unit))] : [toVersion(next, null, searchOf(unit))];
    this.replace(unit, removed, added, recorded, closed);
  }

  /** A back-fill or an annulment: this unit's versions folded again from its timeline and diffed with its open rows. */
  private refold(unitId: string, unit: UnitFold, recorded: Recorded, closed: UnitVersionRow[]): void {
    const states = UnitTimeline.from(unitId, unit.events).asOfEach(effectiveDates(unit.events));
    const snapshots = distinctSnapshots(states);
    const removed = unit.open;
    unit.latest = states.at(-1);
    unit.open = [];
    this.replace(unit, removed, snapshots.map((snapshot, i) => toVersion(snapshot, snapshots[i + 1]?.validFrom ?? null, searchOf(unit))), recorded, closed);
  }

  /**
   * Appends `added` (in order) to the unit's open rows: a row of `removed` with the same content
   * stays as it was; the others close as of the event, or vanish if made by the same commit
   * (never visible).
   */
  private replace(unit: UnitFold, removed: OpenVersion[], added: UnitVersion[], recorded: Recorded, closed: UnitVersionRow[]): void {
    for (const version of added) {
      const at = removed.findIndex((row) => sameVersion(row.version, version));
      unit.open.push(at < 0 ? { version, recordedFrom: recorded.recordedAt, recordedFromPosition: recorded.position } : removed.splice(at, 1)[0]);
    }
    for (const row of removed) {
      if (row.recordedFrom !== recorded.recordedAt) closed.push(versionRow(row.version, row, recorded.recordedAt, recorded.position));
    }
  }
}
