import type { RecordedEvent } from '@reorg/event-store';
import { type RebuildResult, rebuildProjection } from '@reorg/projections/rebuild';
import { PATIENCE_MS } from '@reorg/testing';
import { REGISTER_READ_MODELS } from '@reorg/read-models/catalogue';
import type { RaceBed } from './race-bed';

const DATES = ['2019-12-31', '2020-01-01', '2020-06-30', '2021-01-01', '2030-01-01'];

/** Everything the read models answer about the register and the proposals, through process `via`. */
export async function registerAnswers(bed: Pick<RaceBed, 'call' | 'units'>, via = 0): Promise<Record<string, unknown>> {
  const get = async (path: string) => {
    const answer = await bed.call('admin', 'GET', path, undefined, {}, via);
    if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    const { knownAt: _knownAt, ...rest } = answer.body;
    return rest;
  };
  const answers: Record<string, unknown> = {};
  const paths = [
    '/api/v1/governing-bodies',
    '/api/v1/units?status=ALL&asOf=2030-01-01&pageSize=500',
    ...DATES.map((date) => `/api/v1/structure?asOf=${date}`),
    '/api/v1/reports/reduction?from=2018-01-01&to=2029-12-31',
    '/api/v1/proposals?pageSize=500',
    ...Object.values(bed.units).flatMap((unitId) => DATES.map((date) => `/api/v1/units/${unitId}?asOf=${date}`)),
  ];
  for (const path of paths) answers[path] = await get(path);
  const proposals = answers['/api/v1/proposals?pageSize=500'] as { items: { id: string }[] };
  for (const { id } of proposals.items) answers[`/api/v1/proposals/${id}`] = await get(`/api/v1/proposals/${id}`);
  return answers;
}

/** Rebuilds every read model the answers come from, from the event log, in place (through each projection's own apply). */
export async function rebuildReadModels(bed: RaceBed): Promise<RebuildResult[]> {
  const results: RebuildResult[] = [];
  for (const projection of REGISTER_READ_MODELS) {
    results.push(await rebuildProjection({ projection }, { store: bed.app.store, database: bed.readModels }));
  }
  return results;
}

/** Waits until two reads agree (read models of other processes catch up asynchronously). */
export async function eventuallyEqual<T>(read: () => Promise<T>, expected: T, timeoutMs = PATIENCE_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const actual = await read();
    if (JSON.stringify(actual) === JSON.stringify(expected) || Date.now() > deadline) return actual;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The unit's events effective on the date, from its stream in the log. */
export async function unitEventsOn(bed: RaceBed, unitId: string, date: string): Promise<RecordedEvent[]> {
  const events = await bed.app.store.readStream(`unit-${unitId}`);
  return events.filter((event) => (event.data as { effectiveDate?: string }).effectiveDate === date);
}

/** DecisionRecorded events of the whole log that touch the unit on the date. */
export async function decisionsRecordedFor(bed: RaceBed, unitId: string, date: string): Promise<RecordedEvent[]> {
  const recorded: RecordedEvent[] = [];
  let after = 0;
  for (;;) {
    const batch = await bed.app.store.readAll({ after, maxCount: 1000 });
    if (batch.length === 0) return recorded;
    recorded.push(
      ...batch.filter((event) => {
        const data = event.data as { effectiveDate?: string; touchedUnitIds?: string[] };
        return event.type === 'DecisionRecorded' && data.effectiveDate === date && (data.touchedUnitIds ?? []).includes(unitId);
      }),
    );
    after = batch[batch.length - 1].position;
  }
}
