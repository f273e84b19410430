import type { RecordedEvent } from '@reorg/event-store';
import type { BulkFold, TableRows } from '@reorg/projections/rebuild';
import { reportChangesProjection, reportChangeRowOf } from './report-changes.projection';
import { ReportUnitChangeRow } from './unit-change.entities';

/** `report_unit_changes` folded in memory for a rebuild: one row per unit event, final at once (no state). */
export class ReportChangesBulkFold implements BulkFold {
  private readonly handled = new Set<string>(reportChangesProjection.handles);

  fold(events: readonly RecordedEvent[]): TableRows[] {
    const rows: ReportUnitChangeRow[] = [];
    for (const event of events) if (this.handled.has(event.type)) rows.push(reportChangeRowOf(event));
    return [{ entity: ReportUnitChangeRow, rows }];
  }

  finish(): TableRows[] {
    return [];
  }
}
