import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@reorg/event-store';
import type { DataSource } from 'typeorm';
import { BatchApplier } from './batch-applier';
import { CheckpointBatcher } from './checkpoint-batcher';
import { PositionWaiters } from './position-waiters';
import type { Projection } from './projection';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelay } from './retry-delay';
import { ProjectionWorker } from './projection-worker';
import {
  DEFAULT_STORE_BINDING,
  type StoreBindingOptions,
  StoreMismatchError,
  adoptCheckpoints,
  checkpointMismatches,
  mismatchMessage,
  resetProjections,
} from './store-binding';

export interface ProjectionLag {
  projection: string;
  /** The projection's committed checkpoint. */
  position: number;
  /** The event store's safe head when measured. */
  head: number;
  lag: number;
}

export interface RunnerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, stack?: string): void;
}

export interface ProjectionRunnerOptions {
  /** Events per subscription batch, i.e. per transaction. Default 500. */
  batchSize?: number;
  /** How often a watching runner re-reads the checkpoints another process commits. Default 50 ms. */
  watchIntervalMs?: number;
  retry?: Partial<RetryPolicy>;
  logger?: RunnerLogger;
  /** What to do at start with checkpoints of another store, ahead of this one's head or on another log (default: refuse). */
  binding?: StoreBindingOptions;
}

/**
 * Feeds every projection from the global log, each from its own checkpoint, in position order.
 * A failed batch rolls back, is logged and retried (with back-off) from the last committed
 * checkpoint: an event is never skipped, so a poison event stalls only its own projection.
 */
export class ProjectionRunner {
  private readonly applier: BatchApplier;
  private readonly checkpointMoves: CheckpointBatcher;
  private readonly retry: RetryPolicy;
  private readonly logger: RunnerLogger;
  private readonly waiters = new PositionWaiters();
  private readonly lagListeners = new Set<(lag: ProjectionLag) => void>();
  private readonly appliedListeners = new Set<(projection: string, position: number) => void>();
  private workers = new Map<string, ProjectionWorker>();
  /** Whether this runner runs every projection it knows (follows none that another process runs). */
  private runsAll = false;
  private stopSignal: AbortController | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.applier = new BatchApplier(dataSource);
    this.checkpointMoves = new CheckpointBatcher((moves) => this.applier.moveCheckpoints(moves));
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.logger = options.logger ?? new Logger(ProjectionRunner.name);
  }

  get running(): boolean {
    return this.stopSignal !== undefined;
  }

  /**
   * Runs `projections` here and follows the committed checkpoints of `watched` ones, which another
   * process projects (apps/projector in distributed mode), so that waitUntil and lag cover both.
   */
  async start(projections: readonly Projection[], watched: readonly Projection[] = []): Promise<void> {
    if (this.stopSignal) throw new Error('projection runner is already running');
    assertUniqueNames([...projections, ...watched]);
    await this.bindToStore(projections, watched);
    const workers = new Map<string, ProjectionWorker>();
    for (const projection of [...projections, ...watched]) {
      workers.set(projection.name, new ProjectionWorker(projection, await this.applier.checkpointOf(projection.name)));
    }
    const stopSignal = new AbortController();
    this.stopSignal = stopSignal;
    this.workers = workers;
    this.runsAll = watched.length === 0;
    for (const projection of projections) {
      const worker = workers.get(projection.name) as ProjectionWorker;
      worker.loop = this.run(worker, stopSignal.signal);
    }
    if (watched.length > 0) {
      const watchedWorkers = watched.map((projection) => workers.get(projection.name) as ProjectionWorker);
      const loop = this.followCheckpoints(watchedWorkers, stopSignal.signal);
      for (const worker of watchedWorkers) worker.loop = loop;
    }
    const list = (names: readonly Projection[]) => names.map((p) => `${p.name}@${workers.get(p.name)?.position}`).join(', ');
    this.logger.log(`started ${list(projections) || 'no projections'}${watched.length > 0 ? `; following ${list(watched)} (projected elsewhere)` : ''}`);
  }

  /**
   * Refuses (or, when told to, rebuilds) read models whose checkpoints belong to another event store, are
   * ahead of its head or sit on another log; then binds every checkpoint written from now on to this store.
   */
  private async bindToStore(projections: readonly Projection[], watched: readonly Projection[]): Promise<void> {
    const binding = this.options.binding ?? DEFAULT_STORE_BINDING;
    const names = (list: readonly Projection[]) => list.map((p) => p.name);
    const checked = binding.onMismatch === 'refuse' ? [...projections, ...watched] : projections;
    // Fed by no event (their tables are filled elsewhere): only their checkpoint needs moving to this store.
    const idle = new Set(checked.filter((p) => p.handles?.length === 0).map((p) => p.name));
    const { mismatches: all, legacy } = await checkpointMismatches(this.store, this.dataSource, names(checked));
    const mismatches = all.filter((m) => !idle.has(m.projection));
    if (mismatches.length > 0 && binding.onMismatch === 'refuse') throw new StoreMismatchError(mismatchMessage(binding, mismatches));
    if (mismatches.length > 0) {
      this.logger.warn(`${mismatchMessage(binding, mismatches).split('\nRefusing')[0]}\nREAD_MODELS_ON_MISMATCH=rebuild: emptying ${names(projections).join(', ')} and replaying the log into them`);
      await resetProjections(this.store, this.dataSource, projections, watched);
    }
    const idleMismatched = projections.filter((p) => idle.has(p.name) && all.some((m) => m.projection === p.name));
    if (idleMismatched.length > 0) await resetProjections(this.store, this.dataSource, idleMismatched, projections);
    if (legacy.length > 0) {
      this.logger.warn(`checkpoints of ${legacy.join(', ')} predate the store binding; adopting them for event store ${await this.store.storeId()}`);
      await adoptCheckpoints(this.store, this.dataSource, legacy);
    }
    this.applier.bind(await this.store.storeId());
  }

  async stop(): Promise<void> {
    const stopSignal = this.stopSignal;
    if (!stopSignal) return;
    stopSignal.abort();
    await Promise.all([...this.workers.values()].map((worker) => worker.stopped()));
    this.waiters.cancelAll();
    this.stopSignal = undefined;
  }

  /** Every projection this runner runs or follows. */
  get projectionNames(): string[] {
    return [...this.workers.keys()];
  }

  /** The committed checkpoint of a running projection. */
  positionOf(name: string): number | undefined {
    return this.workers.get(name)?.position;
  }

  /**
   * The read horizon from memory, when this runner runs every projection it knows (embedded mode) and
   * so sees every commit of their checkpoints: `frontier` bounds from above what any of them may have
   * committed (the position of a commit still in flight counts, since readers may see it before the
   * runner hears back), `lowest` is what every one of them has surely committed. Undefined when it
   * follows projections another process commits (their checkpoints must be read from the database),
   * or is not running.
   */
  localHorizon(): { frontier: number; lowest: number } | undefined {
    if (!this.runsAll || this.stopSignal === undefined || this.workers.size === 0) return undefined;
    let frontier = 0;
    let lowest = Number.POSITIVE_INFINITY;
    for (const worker of this.workers.values()) {
      frontier = Math.max(frontier, worker.position, worker.attempted);
      lowest = Math.min(lowest, worker.position);
    }
    return { frontier, lowest };
  }

  /** Read-your-writes: true once every running projection has committed the position, false on timeout. */
  waitUntil(position: number, timeoutMs: number): Promise<boolean> {
    return this.waiters.wait(position, this.lowestPosition(), timeoutMs);
  }

  /**
   * The path every delivered batch takes: one transaction for the projection's rows and its
   * checkpoint; events at or below the checkpoint are skipped. Returns the checkpoint after it.
   */
  async applyBatch(projection: Projection, events: readonly RecordedEvent[]): Promise<number> {
    if (!this.applier.bound) this.applier.bind(await this.store.storeId());
    const worker = this.workers.get(projection.name);
    if (worker?.projection === projection) this.attempting(worker, events);
    const position = await this.applier.apply(projection, events);
    if (worker?.projection === projection) this.advance(worker, position);
    return position;
  }

  async lag(): Promise<ProjectionLag[]> {
    const head = await this.store.headPosition();
    return [...this.workers.values()].map((worker) => lagOf(worker, head));
  }

  /** Called after a committed batch that folded at least one event into the projection's rows; returns an unsubscribe function. */
  onApplied(listener: (projection: string, position: number) => void): () => void {
    this.appliedListeners.add(listener);
    return () => this.appliedListeners.delete(listener);
  }

  /** Called after every committed batch (for a lag gauge); returns an unsubscribe function. */
  onLag(listener: (lag: ProjectionLag) => void): () => void {
    this.lagListeners.add(listener);
    return () => this.lagListeners.delete(listener);
  }

  private async run(worker: ProjectionWorker, stop: AbortSignal): Promise<void> {
    while (!stop.aborted) {
      try {
        await this.follow(worker, stop);
      } catch (error) {
        if (stop.aborted) return;
        worker.consecutiveFailures += 1;
        const delay = retryDelay(worker.consecutiveFailures, this.retry);
        const reason = error instanceof Error ? error : new Error(String(error));
        this.logger.error(
          `projection ${worker.name} failed after position ${worker.position} ` +
            `(${worker.consecutiveFailures} in a row), retrying from its checkpoint in ${delay} ms: ${reason.message}`,
          reason.stack,
        );
        await sleep(delay, undefined, { signal: stop }).catch(() => undefined);
      }
    }
  }

  private async followCheckpoints(workers: readonly ProjectionWorker[], stop: AbortSignal): Promise<void> {
    const interval = this.options.watchIntervalMs ?? 50;
    while (!stop.aborted) {
      try {
        const positions = await this.applier.checkpointsOf(workers.map((worker) => worker.name));
        for (const worker of workers) {
          const position = positions.get(worker.name) ?? 0;
          if (position > worker.position) this.advance(worker, position);
        }
      } catch (error) {
        if (!stop.aborted) this.logger.warn(`checkpoints not read: ${String(error)}`);
      }
      await sleep(interval, undefined, { signal: stop }).catch(() => undefined);
    }
  }

  private async follow(worker: ProjectionWorker, stop: AbortSignal): Promise<void> {
    const after = await this.applier.checkpointOf(worker.name);
    worker.position = after;
    const subscription = this.store.subscribeToAll((events) => this.deliver(worker, events), {
      after,
      batchSize: this.options.batchSize,
    });
    worker.subscription = subscription;
    if (stop.aborted) return subscription.close();
    await subscription.done;
    if (!stop.aborted) throw new Error('subscription ended without being closed');
  }

  private async deliver(worker: ProjectionWorker, events: RecordedEvent[]): Promise<void> {
    let position: number;
    this.attempting(worker, events);
    if (BatchApplier.handlesAny(worker.projection, events)) {
      position = await this.applier.apply(worker.projection, events);
      for (const listener of this.appliedListeners) listener(worker.name, position);
    } else {
      // Nothing to fold: share one commit with the other projections that skip this batch.
      position = events.at(-1)?.position ?? worker.position;
      const last = events.at(-1);
      if (last) await this.checkpointMoves.move(worker.name, { position: last.position, globalHash: last.globalHash });
    }
    if (worker.consecutiveFailures > 0) {
      this.logger.log(`projection ${worker.name} recovered at position ${position}`);
      worker.consecutiveFailures = 0;
    }
    this.advance(worker, position);
  }

  /** Before a commit of `events` starts: from now on a reader may see their rows (see localHorizon). */
  private attempting(worker: ProjectionWorker, events: readonly RecordedEvent[]): void {
    const last = events.at(-1)?.position;
    if (last !== undefined && last > worker.attempted) worker.attempted = last;
  }

  private advance(worker: ProjectionWorker, position: number): void {
    worker.position = Math.max(worker.position, position);
    this.waiters.advance(this.lowestPosition());
    if (this.lagListeners.size > 0) void this.reportLag(worker);
  }

  private async reportLag(worker: ProjectionWorker): Promise<void> {
    try {
      const lag = lagOf(worker, await this.store.headPosition());
      for (const listener of this.lagListeners) listener(lag);
    } catch (error) {
      if (this.running) this.logger.warn(`lag of ${worker.name} not measured: ${String(error)}`);
    }
  }

  /** With no running projection there is nothing to wait for. */
  private lowestPosition(): number {
    return Math.min(...[...this.workers.values()].map((worker) => worker.position));
  }
}

function lagOf(worker: ProjectionWorker, head: number): ProjectionLag {
  return { projection: worker.name, position: worker.position, head, lag: Math.max(0, head - worker.position) };
}

function assertUniqueNames(projections: readonly Projection[]): void {
  const names = projections.map((projection) => projection.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw new Error(`two projections are named ${duplicate}`);
}
