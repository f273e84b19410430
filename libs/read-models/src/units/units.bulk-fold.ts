import { type IsoDate, UNIT_EVENT_TYPES, type UnitEvent, type UnitSnapshot, UnitTimeline } from '@reorg/domain';
import type { RecordedEvent } from '@reorg/event-store';
import type { BulkFold, TableRows } from '@reorg/projections/rebuild';
import { foldForSearch } from './search-text';
import { UnitEventRow, UnitLineageRow, UnitVersionRow } from './unit-read-model.entities';
import { type UnitVersion, distinctSnapshots, toVersion, unitLineage } from './unit-versions';

const HANDLED = new Set<string>(UNIT_EVENT_TYPES);
const SEARCH_CACHE_LIMIT = 200_000;

const CONTENT_FIELDS = [
  'validFrom', 'validTo', 'code', 'name', 'search', 'system', 'governingBodyId', 'level', 'sector', 'autonomyGroup',
  'staffingQuota', 'basicEssentialService', 'status', 'province', 'territory', 'establishedOn', 'endedOn', 'version',
] as const satisfies readonly (keyof UnitVersion)[];

/** Equal keys ⇔ every content field equal (the projection's `sameVersion`). */
function contentKey(version: UnitVersion): string {
  return CONTENT_FIELDS.map((field) => String(version[field])).join('\u0000');
}

interface OpenVersion {
  key: string;
  version: UnitVersion;
  recordedFrom: string;
  recordedFromPosition: number;
}

interface UnitFold {
  events: UnitEvent[];
  timeline: UnitTimeline;
  /** Every effective date of the unit's events, ascending, and the timeline's state on each. */
  dates: IsoDate[];
  onDates: (UnitSnapshot | undefined)[];
  open: OpenVersion[];
  /** Versions made for the previous event, by their starting snapshot and end; most survive the next event. */
  made: Map<UnitSnapshot, { validTo: IsoDate | null; version: UnitVersion; key: string }>;
}

/** Index of `date` in the ascending `dates`, inserting it (and an empty state slot) when new. */
function insertDate(unit: UnitFold, date: IsoDate): number {
  let low = 0;
  let high = unit.dates.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (unit.dates[middle] < date) low = middle + 1;
    else high = middle;
  }
  if (unit.dates[low] !== date) {
    unit.dates.splice(low, 0, date);
    unit.onDates.splice(low, 0, undefined);
  }
  return low;
}

/**
 * The units projection (`units.v1`) folded in memory for a rebuild: per event the same version
 * difference `unitsProjection.apply` records (closing, deleting and adding versions as of the
 * event's recordedAt), without reading rows back. Incremental per unit: a change effective on `d`
 * leaves the states before `d` as they were, so only the dates from `d` on are folded again (all
 * of them after an annulment). Closed versions and unit events are final and leave at once; open
 * versions and lineage leave at the end.
 */
export class UnitsBulkFold implements BulkFold {
  private readonly units = new Map<string, UnitFold>();
  private readonly searchText = new Map<string, string>();

  fold(events: readonly RecordedEvent[]): TableRows[] {
    const eventRows: UnitEventRow[] = [];
    const closed: UnitVersionRow[] = [];
    for (const event of events) {
      if (!HANDLED.has(event.type)) continue;
      const unitId = String(event.data.unitId);
      eventRows.push({ position: event.position, unitId, type: event.type, data: JSON.stringify(event.data) });
      let unit = this.units.get(unitId);
      if (!unit) this.units.set(unitId, (unit = { events: [], timeline: UnitTimeline.empty(unitId), dates: [], onDates: [], open: [], made: new Map() }));
      const unitEvent = { type: event.type, data: event.data } as unknown as UnitEvent;
      unit.events.push(unitEvent);
      unit.timeline = unit.timeline.with([unitEvent]);
      const at = insertDate(unit, unitEvent.data.effectiveDate);
      for (let i = unitEvent.type === 'UnitDecisionAnnulled' ? 0 : at; i < unit.dates.length; i++) unit.onDates[i] = unit.timeline.asOf(unit.dates[i]);
      this.record(unit, event, closed);
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
      for (const row of unit.open) open.push({ ...row.version, recordedFrom: row.recordedFrom, recordedFromPosition: row.recordedFromPosition, recordedTo: null, recordedToPosition: null });
      for (const link of unitLineage(unitId, unit.events)) lineage.push({ ...link, sourceUnitId: unitId });
    }
    return [
      { entity: UnitVersionRow, rows: open },
      { entity: UnitLineageRow, rows: lineage },
    ];
  }

  /** The version starting at `snapshot` and ending at `validTo`, with its content key. */
  private versionOf(unit: UnitFold, snapshot: UnitSnapshot, validTo: IsoDate | null): { validTo: IsoDate | null; version: UnitVersion; key: string } {
    const made = unit.made.get(snapshot);
    if (made && made.validTo === validTo) return made;
    const version = toVersion(snapshot, validTo, (text) => this.search(text));
    return { validTo, version, key: contentKey(version) };
  }

  private search(text: string): string {
    let folded = this.searchText.get(text);
    if (folded === undefined) {
      if (this.searchText.size >= SEARCH_CACHE_LIMIT) this.searchText.clear();
      this.searchText.set(text, (folded = foldForSearch(text)));
    }
    return folded;
  }

  private record(unit: UnitFold, event: RecordedEvent, closed: UnitVersionRow[]): void {
    const recordedAt = new Date(event.metadata.recordedAt).toISOString();
    const snapshots = distinctSnapshots(unit.onDates);
    const made = new Map<UnitSnapshot, { validTo: IsoDate | null; version: UnitVersion; key: string }>();
    const versions = new Map<string, UnitVersion>();
    snapshots.forEach((snapshot, i) => {
      const entry = this.versionOf(unit, snapshot, snapshots[i + 1]?.validFrom ?? null);
      made.set(snapshot, entry);
      versions.set(entry.key, entry.version);
    });
    unit.made = made;
    const kept: OpenVersion[] = [];
    const current = new Set<string>();
    for (const row of unit.open) {
      current.add(row.key);
      if (versions.has(row.key)) kept.push(row);
      else if (row.recordedFrom !== recordedAt) closed.push({ ...row.version, recordedFrom: row.recordedFrom, recordedFromPosition: row.recordedFromPosition, recordedTo: recordedAt, recordedToPosition: event.position });
    }
    for (const [key, version] of versions) {
      if (!current.has(key)) kept.push({ key, version, recordedFrom: recordedAt, recordedFromPosition: event.position });
    }
    unit.open = kept;
  }
}
