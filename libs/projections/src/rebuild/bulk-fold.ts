import type { RecordedEvent } from '@reorg/event-store';
import type { ProjectionEntity } from '../projection';

/** Rows for one table, keyed by the entity's property names. */
export interface TableRows {
  entity: ProjectionEntity;
  rows: object[];
}

/**
 * A projection's fold done in memory for a rebuild: the same rows the incremental `apply` would
 * leave behind, produced without reading the database back. Rows returned by `fold` are final
 * (never changed by a later event); `finish` returns the rest once the log is exhausted.
 */
export interface BulkFold {
  fold(events: readonly RecordedEvent[]): TableRows[];
  finish(): TableRows[];
}

export type BulkFoldFactory = () => BulkFold;
