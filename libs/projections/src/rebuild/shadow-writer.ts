import type { RecordedEvent } from '@reorg/event-store';
import type { QueryRunner } from 'typeorm';
import type { Projection } from '../projection';
import type { BulkFold } from './bulk-fold';
import { insertTableRows } from './bulk-insert';
import type { ShadowTables } from './shadow-tables';

/** Writes replayed events into shadow tables, inside the caller's transaction. */
export interface ShadowWriter {
  write(runner: QueryRunner, events: readonly RecordedEvent[]): Promise<void>;
  /** Writes what the fold still holds; called once, inside the swap transaction. */
  finish(runner: QueryRunner): Promise<void>;
}

/** Fast path: the projection's in-memory fold and multi-row INSERTs. */
export class BulkShadowWriter implements ShadowWriter {
  constructor(
    private readonly fold: BulkFold,
    private readonly shadow: ShadowTables,
  ) {}

  async write(runner: QueryRunner, events: readonly RecordedEvent[]): Promise<void> {
    await insertTableRows(runner, this.fold.fold(events), (metadata) => this.shadow.shadowTable(metadata));
  }

  async finish(runner: QueryRunner): Promise<void> {
    await insertTableRows(runner, this.fold.finish(), (metadata) => this.shadow.shadowTable(metadata));
  }
}

/** Any projection: its own `apply`, through an entity manager whose entities are the shadow tables. */
export class ApplyShadowWriter implements ShadowWriter {
  private readonly handles: Set<string> | undefined;

  constructor(private readonly projection: Projection) {
    this.handles = projection.handles ? new Set(projection.handles) : undefined;
  }

  async write(runner: QueryRunner, events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      if (this.handles && !this.handles.has(event.type)) continue;
      await this.projection.apply(event, runner.manager);
    }
  }

  async finish(): Promise<void> {}
}
