import type { GoverningBodyEvent } from '@reorg/domain';
import type { RecordedEvent } from '@reorg/event-store';
import type { BulkFold, TableRows } from '@reorg/projections/rebuild';
import { governingBodiesProjection, bodyPeriods } from './governing-bodies.projection';
import { GoverningBodyEventRow, GoverningBodyPeriodRow } from './governing-body.entities';

/** The governing-bodies projection folded in memory for a rebuild: events at once, periods at the end. */
export class GoverningBodiesBulkFold implements BulkFold {
  private readonly handled = new Set<string>(governingBodiesProjection.handles);
  private readonly bodies = new Map<string, GoverningBodyEvent[]>();

  fold(events: readonly RecordedEvent[]): TableRows[] {
    const rows: GoverningBodyEventRow[] = [];
    for (const event of events) {
      if (!this.handled.has(event.type)) continue;
      const bodyId = String(event.data.bodyId);
      rows.push({ position: event.position, bodyId, type: event.type, data: JSON.stringify(event.data) });
      const history = this.bodies.get(bodyId) ?? [];
      history.push({ type: event.type, data: event.data } as unknown as GoverningBodyEvent);
      this.bodies.set(bodyId, history);
    }
    return [{ entity: GoverningBodyEventRow, rows }];
  }

  finish(): TableRows[] {
    return [{ entity: GoverningBodyPeriodRow, rows: [...this.bodies].flatMap(([bodyId, events]) => bodyPeriods(bodyId, events)) }];
  }
}
