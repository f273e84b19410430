import type { RecordedEvent } from '@reorg/event-store';
import { ReportQueries, reportChangesProjection } from '@reorg/read-models/reports';
import { UnitQueries } from '@reorg/read-models/units';
import fc from 'fast-check';
import { readingOwnWrites } from '../../integration/event-store/support';
import type { ProjectionBackend } from '../../integration/projections/projection-backends';
import { ProjectionTestBed } from '../../integration/projections/projection-test-bed';
import { UNIT_READ_MODELS } from '../../integration/read-models/units-read-model-bed';
import { type HistoryIntent, type QueryIntent, historyIntent, queryIntents } from './history-intents';
import { BASELINE_AS_OF, planHistory } from './history-plan';
import { NaiveRegister } from './naive-replay';
import { type RecordingOutcome, recordHistory } from './record-history';
import { compareAnswers, compareReport } from './time-travel-answers';

const READ_MODELS = [...UNIT_READ_MODELS, reportChangesProjection];

const CATCH_UP_TIMEOUT_MS = 120_000;
/** Fixed by default so that CI runs are repeatable; PROPERTY_SEED explores other histories. */
export const PROPERTY_SEED = Number(process.env.PROPERTY_SEED ?? 20_250_701);

/** The run count given, unless PROPERTY_RUNS asks for a longer hunt. */
export function propertyRuns(defaultRuns: number): number {
  return Number(process.env.PROPERTY_RUNS ?? defaultRuns);
}

async function wholeLog(bed: ProjectionTestBed): Promise<RecordedEvent[]> {
  const log: RecordedEvent[] = [];
  for (;;) {
    const page = await bed.store.readAll({ after: log.at(-1)?.position ?? 0, maxCount: 1000 });
    if (page.length === 0) return log;
    log.push(...page);
  }
}

/** knownAt: a recordedAt instant of the log, 1 ms before or after it, or undefined (as known now). */
function knownAtOf(instants: string[], query: QueryIntent): string | undefined {
  const index = query.knownAt % (instants.length + 1);
  if (index === instants.length) return undefined;
  return new Date(Date.parse(instants[index]) + query.offsetMs).toISOString();
}

/**
 * One history: recorded through the services into a fresh store while the projection runner
 * follows it, caught up to the head, then every query intent (time-travel answers and a reduction
 * report) is answered by the read models and by the naive replay.
 */
export async function checkHistory(backend: () => Promise<ProjectionBackend>, intent: HistoryIntent, queries: QueryIntent[]): Promise<RecordingOutcome> {
  const plan = planHistory(intent);
  const bed = await ProjectionTestBed.open(backend, READ_MODELS);
  try {
    const runner = bed.runner();
    await runner.start(READ_MODELS);
    // Appends wait until readable: on a busy PostgreSQL cluster the head lags behind a resolved append.
    const outcome = await recordHistory(readingOwnWrites(bed.store), plan);
    const head = await bed.store.latestPosition();
    if (!(await runner.waitUntil(head, CATCH_UP_TIMEOUT_MS))) throw new Error(`read models did not reach ${head}: ${bed.logger.errors.join('; ')}`);
    const naive = new NaiveRegister(await wholeLog(bed));
    const instants = naive.instants();
    const unitQueries = new UnitQueries(bed.dataSource);
    const reports = new ReportQueries(bed.dataSource);
    for (const [i, query] of queries.entries()) {
      const asOf = plan.queryDates[query.date % plan.queryDates.length];
      const otherDate = plan.queryDates[(query.date + query.knownAt) % plan.queryDates.length];
      const knownAt = knownAtOf(instants, query);
      await compareAnswers(unitQueries, naive, { asOf, knownAt }, otherDate, 1 + ((query.date + i) % 7));
      const [from, to] = [asOf, otherDate].sort();
      await compareReport(reports, naive, from, to, knownAt, BASELINE_AS_OF);
    }
    return outcome;
  } finally {
    await bed.close();
  }
}

/** Runs the property; fast-check reports the seed and path of a failing history for replay. */
export async function assertTimeTravelProperty(backend: () => Promise<ProjectionBackend>, numRuns: number, seed: number): Promise<RecordingOutcome[]> {
  const outcomes: RecordingOutcome[] = [];
  await fc.assert(
    fc.asyncProperty(historyIntent, queryIntents, async (intent, queries) => {
      outcomes.push(await checkHistory(backend, intent, queries));
    }),
    { numRuns, seed },
  );
  return outcomes;
}
