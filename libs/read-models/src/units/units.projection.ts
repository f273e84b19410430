import { UNIT_EVENT_TYPES, type UnitEvent } from '@reorg/domain';
import type { RecordedEvent } from '@reorg/event-store';
import type { Projection } from '@reorg/projections';
import { type EntityManager, IsNull } from 'typeorm';
import { UnitEventRow, UnitLineageRow, UnitVersionRow } from './unit-read-model.entities';
import { type UnitVersion, unitLineage, unitVersions } from './unit-versions';

const CONTENT_FIELDS = [
  'validTo', 'code', 'name', 'search', 'system', 'governingBodyId', 'level', 'sector', 'autonomyGroup',
  'staffingQuota', 'basicEssentialService', 'status', 'province', 'territory', 'establishedOn', 'endedOn', 'version',
] as const satisfies readonly (keyof UnitVersion)[];

function sameVersion(row: UnitVersionRow, version: UnitVersion): boolean {
  return row.validFrom === version.validFrom && CONTENT_FIELDS.every((field) => row[field] === version[field]);
}

async function unitEvents(tx: EntityManager, unitId: string): Promise<UnitEvent[]> {
  const rows = await tx.find(UnitEventRow, { where: { unitId }, order: { position: 'ASC' } });
  return rows.map((row) => ({ type: row.type, data: JSON.parse(row.data) as unknown }) as UnitEvent);
}

/**
 * Closes the current versions the event changed and inserts the new ones, known from the event's
 * recordedAt. A version both made and superseded at the same instant was never visible: deleted.
 */
async function recordVersions(tx: EntityManager, event: RecordedEvent, unitId: string, versions: UnitVersion[]): Promise<void> {
  const recordedAt = new Date(event.metadata.recordedAt).toISOString();
  const current = await tx.findBy(UnitVersionRow, { unitId, recordedTo: IsNull() });
  for (const row of current) {
    if (versions.some((version) => sameVersion(row, version))) continue;
    if (row.recordedFrom === recordedAt) {
      await tx.delete(UnitVersionRow, { unitId, validFrom: row.validFrom, recordedFromPosition: row.recordedFromPosition });
    } else {
      await tx.update(UnitVersionRow, { unitId, validFrom: row.validFrom, recordedFromPosition: row.recordedFromPosition }, { recordedTo: recordedAt, recordedToPosition: event.position });
    }
  }
  const added = versions.filter((version) => !current.some((row) => sameVersion(row, version)));
  if (added.length === 0) return;
  await tx.insert(
    UnitVersionRow,
    added.map((version) => ({ ...version, recordedFrom: recordedAt, recordedFromPosition: event.position, recordedTo: null, recordedToPosition: null })),
  );
}

async function recordLineage(tx: EntityManager, unitId: string, events: UnitEvent[]): Promise<void> {
  await tx.delete(UnitLineageRow, { sourceUnitId: unitId });
  const links = unitLineage(unitId, events);
  if (links.length) await tx.insert(UnitLineageRow, links.map((link) => ({ ...link, sourceUnitId: unitId })));
}

/**
 * Units, bitemporally: every version of every unit (`unit_versions`) and their lineage. Each unit
 * event recomputes that unit's versions from its timeline (so out-of-order back-fills and
 * annulments land where they belong) and records the difference as of the event's recordedAt.
 */
export const unitsProjection: Projection = {
  name: 'units.v1',
  handles: UNIT_EVENT_TYPES,
  entities: [UnitEventRow, UnitVersionRow, UnitLineageRow],
  async apply(event: RecordedEvent, tx: EntityManager): Promise<void> {
    const unitId = String(event.data.unitId);
    if (await tx.existsBy(UnitEventRow, { position: event.position })) return;
    await tx.insert(UnitEventRow, { position: event.position, unitId, type: event.type, data: JSON.stringify(event.data) });
    const events = await unitEvents(tx, unitId);
    await recordVersions(tx, event, unitId, unitVersions(unitId, events));
    await recordLineage(tx, unitId, events);
  },
};
