import { UNIT_EVENT_TYPES, type UnitEvent } from '@reorg/domain';
import type { RecordedEvent } from '@reorg/event-store';
import type { BulkFold, TableRows } from '@reorg/projections/rebuild';
import { UnitEventRow, UnitLineageRow, UnitVersionRow } from './unit-read-model.entities';
import { type UnitVersion, unitLineage, unitVersions } from './unit-versions';

const HANDLED = new Set<string>(UNIT_EVENT_TYPES);

type OpenVersion = UnitVersion & { recordedFrom: string; recordedFromPosition: number };

interface UnitFold {
  events: UnitEvent[];
  open: OpenVersion[];
}

const CONTENT_FIELDS = [
  'validFrom', 'validTo', 'code', 'name', 'search', 'system', 'governingBodyId', 'level', 'sector', 'autonomyGroup',
  'staffingQuota', 'basicEssentialService', 'status', 'establishedOn', 'endedOn', 'version',
] as const satisfies readonly (keyof UnitVersion)[];

function sameVersion(a: UnitVersion, b: UnitVersion): boolean {
  return CONTENT_FIELDS.every((field) => a[field] === b[field]);
}

/**
 * The units projection (`units.v1`) folded in memory for a rebuild: per event the same version
 * difference `unitsProjection.apply` records (closing, deleting and adding versions as of the
 * event's recordedAt), without reading rows back. Closed versions and unit events are final and
 * leave at once; open versions and lineage leave at the end.
 */
export class UnitsBulkFold implements BulkFold {
  private readonly units = new Map<string, UnitFold>();

  fold(events: readonly RecordedEvent[]): TableRows[] {
    const eventRows: UnitEventRow[] = [];
    const closed: UnitVersionRow[] = [];
    for (const event of events) {
      if (!HANDLED.has(event.type)) continue;
      const unitId = String(event.data.unitId);
      eventRows.push({ position: event.position, unitId, type: event.type, data: JSON.stringify(event.data) });
      let unit = this.units.get(unitId);
      if (!unit) this.units.set(unitId, (unit = { events: [], open: [] }));
      unit.events.push({ type: event.type, data: event.data } as unknown as UnitEvent);
      this.record(unit, event, unitVersions(unitId, unit.events), closed);
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
      for (const version of unit.open) open.push({ ...version, recordedTo: null, recordedToPosition: null });
      for (const link of unitLineage(unitId, unit.events)) lineage.push({ ...link, sourceUnitId: unitId });
    }
    return [
      { entity: UnitVersionRow, rows: open },
      { entity: UnitLineageRow, rows: lineage },
    ];
  }

  private record(unit: UnitFold, event: RecordedEvent, versions: UnitVersion[], closed: UnitVersionRow[]): void {
    const recordedAt = new Date(event.metadata.recordedAt).toISOString();
    const current = unit.open;
    const kept: OpenVersion[] = [];
    for (const row of current) {
      if (versions.some((version) => sameVersion(row, version))) kept.push(row);
      else if (row.recordedFrom !== recordedAt) closed.push({ ...row, recordedTo: recordedAt, recordedToPosition: event.position });
    }
    for (const version of versions) {
      if (!current.some((row) => sameVersion(row, version))) kept.push({ ...version, recordedFrom: recordedAt, recordedFromPosition: event.position });
    }
    unit.open = kept;
  }
}
