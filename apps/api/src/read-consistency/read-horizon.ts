import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { ProblemException, messageText, violationItem } from '@reorg/http';
import { ProjectionRunner, readCheckpoints } from '@reorg/projections';
import { QueryDataSource } from '../units/query-data-source';

/** How long a query waits for lagging read models before answering 503 (commands wait 2 s for theirs). */
export const READ_HORIZON_TIMEOUT_MS = 5_000;

/**
 * One read side: a query answers only once every read model of the api has reached the frontier,
 * the highest checkpoint any of them had committed when the query arrived (or the client's minimum
 * position, if higher). Rows commit with their checkpoint, so anything an earlier answer showed —
 * from this process or another api instance — is at or below the frontier, and the query sees it in
 * every read model, not only in the one that showed it.
 */
@Injectable()
export class ReadHorizon {
  constructor(
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    @Inject(QueryDataSource) private readonly query: QueryDataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /**
   * The horizon without waiting or reading anything, when this process runs every read model
   * (embedded mode: the runner saw every checkpoint commit) and all of them already reached the
   * frontier (at least `minPosition`); otherwise undefined (use `reach`).
   */
  reachedNow(minPosition = 0): number | undefined {
    const local = this.runner.localHorizon();
    if (local === undefined) return this.runner.projectionNames.length === 0 ? minPosition : undefined;
    const target = Math.max(local.frontier, minPosition);
    return local.lowest >= target ? target : undefined;
  }

  /**
   * Waits until every read model reached the frontier (at least `minPosition`) and returns that position.
   * The frontier comes from the runner's memory when this process runs every read model, else from
   * the committed checkpoints (PROJECTIONS_RUNTIME=off: another process commits them).
   */
  async reach(minPosition = 0, timeoutMs = READ_HORIZON_TIMEOUT_MS): Promise<number> {
    const names = this.runner.projectionNames;
    if (names.length === 0) return minPosition;
    const { frontier, lowest } = this.runner.localHorizon() ?? (await this.committed(names));
    const target = Math.max(frontier, minPosition);
    if (lowest >= target) return target;
    if (target > frontier && target > (await this.store.latestPosition())) throw aheadOfTheLog(target);
    return this.waitFor(target, lowest, timeoutMs);
  }

  private async committed(names: readonly string[]): Promise<{ frontier: number; lowest: number }> {
    const positions = [...(await readCheckpoints(this.query.dataSource.manager, names)).values()];
    return { frontier: Math.max(...positions), lowest: Math.min(...positions) };
  }

  /**
   * For an answer folded from the log itself (a proposal): the latest committed position bounds every
   * event the answer drew on; it goes out only once every read model has reached that position too,
   * so that what the client reads next from a read model is not behind it. Returns that position.
   */
  async catchUpWithLog(timeoutMs = READ_HORIZON_TIMEOUT_MS): Promise<number> {
    const latest = await this.store.latestPosition();
    const names = this.runner.projectionNames;
    if (names.length === 0) return latest;
    const positions = [...(await readCheckpoints(this.query.dataSource.manager, names)).values()];
    if (Math.min(...positions) >= latest) return Math.max(latest, ...positions);
    return this.waitFor(latest, Math.min(...positions), timeoutMs);
  }

  private async waitFor(target: number, lowest: number, timeoutMs: number): Promise<number> {
    if (await this.runner.waitUntil(target, timeoutMs)) return target;
    throw new ProblemException({
      code: 'SERVICE_UNAVAILABLE',
      detail: messageText('http.readPosition.behind', { target, seconds: timeoutMs / 1000 }),
      errors: [violationItem({ path: 'readModels', code: 'READ_MODELS_BEHIND', detail: `lowest ${lowest} < ${target}`, params: { lowest, target } })],
      headers: { 'retry-after': '1' },
    });
  }
}

function aheadOfTheLog(position: number): ProblemException {
  return new ProblemException({
    code: 'VALIDATION_FAILED',
    detail: messageText('http.readPosition.ahead', { position }),
    errors: [violationItem({ path: 'minPosition', code: 'POSITION_AHEAD_OF_LOG', detail: `${position} is beyond the log's head`, params: { position } })],
  });
}
