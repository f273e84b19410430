import type { RecordedEvent } from '@reorg/event-store';
import type { EntityManager, EntitySchema } from 'typeorm';

export type ProjectionEntity = (new (...args: never[]) => object) | EntitySchema;

/**
 * A read model fed from the global log. `apply` is evolve-style: it folds one event into the
 * projection's rows through the given transaction; the runner calls it for a batch of events in
 * position order inside one transaction that also moves the projection's checkpoint.
 */
export interface Projection {
  /** Stable id: the key of the projection's checkpoint. Renaming it replays the log. */
  readonly name: string;
  /** Event types passed to `apply`; the checkpoint also moves past every other event. */
  readonly handles?: readonly string[];
  /** TypeORM entities (tables) the projection writes. */
  readonly entities: readonly ProjectionEntity[];
  apply(event: RecordedEvent, tx: EntityManager): Promise<void>;
  /**
   * Optional: folds a whole batch at once (the events it handles, past its checkpoint, in position
   * order), leaving the rows as `apply` would event by event; the runner prefers it, so that a batch
   * costs a few set-based statements instead of a few per event.
   */
  applyEvents?(events: readonly RecordedEvent[], tx: EntityManager): Promise<void>;
}
