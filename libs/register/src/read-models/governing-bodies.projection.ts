import { type GoverningBodyEvent, GoverningBodyTimeline, type IsoDate } from '@reorg/domain';
import type { RecordedEvent } from '@reorg/event-store';
import type { Projection } from '@reorg/projections';
import type { EntityManager } from 'typeorm';
import { GoverningBodyEventRow, GoverningBodyPeriodRow } from './governing-body.entities';

const BEGINNING: IsoDate = '0000-01-01';
const BODY_EVENT_TYPES = ['GoverningBodyRegistered', 'GoverningBodyRenamed', 'GoverningBodyAbolished'] as const;

/** The body's periods: one per distinct effective date of its dated changes, each as the timeline has it on that date. */
export function bodyPeriods(bodyId: string, events: GoverningBodyEvent[]): GoverningBodyPeriodRow[] {
  const timeline = GoverningBodyTimeline.from(events);
  const dates = [...new Set(events.flatMap((e) => (e.type === 'GoverningBodyRegistered' ? [] : [e.data.effectiveDate])))].sort();
  const starts = [BEGINNING, ...dates];
  return starts.flatMap((validFrom, i) => {
    const snapshot = timeline.asOf(validFrom);
    if (!snapshot) return [];
    const row = new GoverningBodyPeriodRow();
    Object.assign(row, {
      bodyId,
      validFrom,
      validTo: starts[i + 1] ?? null,
      code: snapshot.code,
      name: snapshot.name,
      system: snapshot.system,
      level: snapshot.level,
      parentId: snapshot.parentId ?? null,
      status: snapshot.status,
      abolishedOn: snapshot.abolishedOn ?? null,
    });
    return [row];
  });
}

/** Governing bodies with dated history: "as of D" is a range query over `governing_body_periods`. */
export const governingBodiesProjection: Projection = {
  name: 'governing-bodies.v1',
  handles: BODY_EVENT_TYPES,
  entities: [GoverningBodyEventRow, GoverningBodyPeriodRow],
  async apply(event: RecordedEvent, tx: EntityManager): Promise<void> {
    const bodyId = String(event.data.bodyId);
    await tx.insert(GoverningBodyEventRow, { position: event.position, bodyId, type: event.type, data: JSON.stringify(event.data) });
    const rows = await tx.find(GoverningBodyEventRow, { where: { bodyId }, order: { position: 'ASC' } });
    const events = rows.map((row) => ({ type: row.type, data: JSON.parse(row.data) as unknown }) as GoverningBodyEvent);
    await tx.delete(GoverningBodyPeriodRow, { bodyId });
    const periods = bodyPeriods(bodyId, events);
    if (periods.length) await tx.insert(GoverningBodyPeriodRow, periods);
  },
};
