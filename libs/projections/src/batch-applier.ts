import type { RecordedEvent } from '@reorg/event-store';
import type { DataSource, EntityManager } from 'typeorm';
import { type CheckpointMark, advanceCheckpoints, lockCheckpoint, readCheckpoint, readCheckpoints, saveCheckpoint } from './checkpoints';
import type { Projection } from './projection';
import { readModelTransaction } from './read-model-transaction';

/**
 * Folds a batch of events into a projection and moves its checkpoint in one transaction.
 * Events at or below the checkpoint read inside that transaction are skipped, so a re-delivered
 * batch changes nothing.
 */
export class BatchApplier {
  private boundTo: string | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /** The event store id every checkpoint written from now on records (see store-binding). */
  bind(storeId: string): void {
    this.boundTo = storeId;
  }

  get bound(): boolean {
    return this.boundTo !== undefined;
  }

  private get storeId(): string {
    if (this.boundTo === undefined) throw new Error('projection checkpoints: not bound to an event store yet');
    return this.boundTo;
  }

  checkpointOf(name: string): Promise<number> {
    return readCheckpoint(this.dataSource.manager, name);
  }

  checkpointsOf(names: readonly string[]): Promise<Map<string, number>> {
    return readCheckpoints(this.dataSource.manager, names);
  }

  /** Returns the projection's checkpoint after the batch. */
  apply(projection: Projection, events: readonly RecordedEvent[]): Promise<number> {
    assertAscending(events);
    const storeId = this.storeId;
    return readModelTransaction(this.dataSource, (tx) => this.applyIn(tx, projection, events, storeId));
  }

  /** Moves checkpoints forward only (never back), all in one transaction; no projection rows change. */
  moveCheckpoints(moves: ReadonlyMap<string, CheckpointMark>): Promise<void> {
    const storeId = this.storeId;
    return readModelTransaction(this.dataSource, (tx) => advanceCheckpoints(tx, moves, storeId));
  }

  /** True when the projection folds at least one of the events (otherwise only its checkpoint moves). */
  static handlesAny(projection: Projection, events: readonly RecordedEvent[]): boolean {
    if (!projection.handles) return events.length > 0;
    const handles = new Set(projection.handles);
    return events.some((event) => handles.has(event.type));
  }

  private async applyIn(tx: EntityManager, projection: Projection, events: readonly RecordedEvent[], storeId: string): Promise<number> {
    const checkpoint = await lockCheckpoint(tx, projection.name);
    const lastEvent = events.at(-1);
    if (!lastEvent || lastEvent.position <= checkpoint) return checkpoint;
    const last = lastEvent.position;
    const handles = projection.handles ? new Set(projection.handles) : undefined;
    const folded = events.filter((event) => event.position > checkpoint && (!handles || handles.has(event.type)));
    if (projection.applyEvents) {
      if (folded.length > 0) await projection.applyEvents(folded, tx);
    } else {
      for (const event of folded) await projection.apply(event, tx);
    }
    await saveCheckpoint(tx, projection.name, { position: last, globalHash: lastEvent.globalHash }, storeId);
    return last;
  }
}

function assertAscending(events: readonly RecordedEvent[]): void {
  for (let i = 1; i < events.length; i++) {
    if (events[i].position <= events[i - 1].position) {
      throw new Error(`events out of order: position ${events[i].position} after ${events[i - 1].position}`);
    }
  }
}
