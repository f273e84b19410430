import { UNIT_EVENT_TYPES, type UnitEvent } from '@reorg/domain';
import type { RecordedEvent } from '@reorg/event-store';
import type { Projection } from '@reorg/projections';
import type { EntityManager } from 'typeorm';
import { ReportUnitChangeRow } from './unit-change.entities';
import { decisionKeyFor, operationOf } from './unit-change';

/**
 * `report_unit_changes`: one row per unit event (operation, decision, effective date, recordedAt),
 * so the reduction report attributes creations, endings and decisions to operation types as known
 * at any instant. The counts themselves come from `unit_versions`.
 */
export const reportChangesProjection: Projection = {
  name: 'reports.unit-changes.v1',
  handles: UNIT_EVENT_TYPES,
  entities: [ReportUnitChangeRow],
  async apply(recorded: RecordedEvent, tx: EntityManager): Promise<void> {
    if (await tx.existsBy(ReportUnitChangeRow, { position: recorded.position })) return;
    await tx.insert(ReportUnitChangeRow, reportChangeRowOf(recorded));
  },
};

/** The row of one unit event (the live `apply` and the rebuild's bulk fold write the same). */
export function reportChangeRowOf(recorded: RecordedEvent): ReportUnitChangeRow {
  const event = { type: recorded.type, data: recorded.data } as UnitEvent;
  return {
    position: recorded.position,
    unitId: String(event.data.unitId),
    eventType: event.type,
    operation: operationOf(event) ?? null,
    decisionKey: decisionKeyFor(event) ?? null,
    effectiveDate: event.data.effectiveDate,
    recordedAt: new Date(recorded.metadata.recordedAt).toISOString(),
  };
}
