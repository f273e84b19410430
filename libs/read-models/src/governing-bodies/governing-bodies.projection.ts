import { GOVERNING_BODY_EVENT_TYPES, type GoverningBodyEvent, GoverningBodyTimeline, type IsoDate } from '@reorg/domain';
import type { RecordedEvent } from '@reorg/event-store';
import { type Projection, sqlDialect } from '@reorg/projections';
import type { EntityManager } from 'typeorm';
import { GoverningBodyEventRow, GoverningBodyPeriodRow } from './governing-body.entities';

const BEGINNING: IsoDate = '0000-01-01';
const BODY_EVENT_TYPES = GOVERNING_BODY_EVENT_TYPES;

/** The body's periods: one per distinct effective date of its dated changes, each as the timeline has it on that date. */
export function bodyPeriods(bodyId: string, events: GoverningBodyEvent[]): GoverningBodyPeriodRow[] {
  const timeline = GoverningBodyTimeline.from(events);
  const starts = [BEGINNING, ...timeline.changeDates()];
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
      province: snapshot.province ?? null,
      territory: snapshot.territory ?? null,
    });
    return [row];
  });
}

/** Governing bodies with dated history: "as of D" is a range query over `governing_body_periods`. */
export const governingBodiesProjection: Projection = {
  name: 'governing-bodies.v1',
  handles: BODY_EVENT_TYPES,
  entities: [GoverningBodyEventRow, GoverningBodyPeriodRow],
  apply(event: RecordedEvent, tx: EntityManager): Promise<void> {
    return foldBodyEvents([event], tx);
  },
  applyEvents: foldBodyEvents,
};

const EVENT_COLUMNS = [
  { name: 'position', pgType: 'bigint' },
  { name: 'body_id', pgType: 'text' },
  { name: 'type', pgType: 'text' },
  { name: 'data', pgType: 'text' },
];
const PERIOD_COLUMNS = ['body_id', 'valid_from', 'valid_to', 'code', 'name', 'system', 'level', 'parent_id', 'status', 'abolished_on', 'province', 'territory'].map((name) => ({ name, pgType: 'text' }));

/** Stores the events, then recomputes the periods of every body they touch from all its events: a few statements per batch. */
async function foldBodyEvents(batch: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
  const sql = sqlDialect(tx);
  const eventsTable = sql.table(GoverningBodyEventRow);
  const periodsTable = sql.table(GoverningBodyPeriodRow);
  await sql.insertRows(tx, eventsTable, EVENT_COLUMNS, batch.map((event) => [event.position, String(event.data.bodyId), event.type, JSON.stringify(event.data)]));
  const bodyIds = sql.list([...new Set(batch.map((event) => String(event.data.bodyId)))]);
  const rows = (await tx.query(`SELECT body_id, type, data FROM ${eventsTable} WHERE ${sql.inList('body_id')} ORDER BY position`, [bodyIds])) as { body_id: string; type: string; data: string }[];
  const byBody = new Map<string, GoverningBodyEvent[]>();
  for (const row of rows) {
    const events = byBody.get(row.body_id) ?? [];
    events.push({ type: row.type, data: JSON.parse(row.data) as unknown } as GoverningBodyEvent);
    byBody.set(row.body_id, events);
  }
  const periods = [...byBody].flatMap(([bodyId, events]) => bodyPeriods(bodyId, events));
  await tx.query(`DELETE FROM ${periodsTable} WHERE ${sql.inList('body_id')}`, [bodyIds]);
  await sql.insertRows(
    tx,
    periodsTable,
    PERIOD_COLUMNS,
    periods.map((p) => [p.bodyId, p.validFrom, p.validTo, p.code, p.name, p.system, p.level, p.parentId, p.status, p.abolishedOn, p.province, p.territory]),
  );
}
