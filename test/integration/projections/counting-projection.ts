import type { RecordedEvent } from '@reorg/event-store';
import type { Projection } from '@reorg/projections';
import { type EntityManager, EntitySchema } from 'typeorm';

interface StreamCountRow {
  streamId: string;
  events: number;
  lastVersion: number;
}

interface AppliedRow {
  seq?: number;
  position: number;
  streamId: string;
}

/**
 * Test read model: counts events per stream and logs every applied position in apply order,
 * so a duplicate, a gap or a reordering shows up. `failAt` makes apply throw at that position
 * after it has already written rows in the transaction.
 */
export class CountingProjection implements Projection {
  readonly counts: EntitySchema<StreamCountRow>;
  readonly applied: EntitySchema<AppliedRow>;
  readonly entities: EntitySchema[];
  failAt: number | undefined;
  failures = 0;

  constructor(
    readonly name: string,
    readonly handles?: string[],
  ) {
    this.counts = new EntitySchema<StreamCountRow>({
      name: `${name}_stream_counts`,
      columns: {
        streamId: { name: 'stream_id', type: 'varchar', length: 200, primary: true },
        events: { type: 'integer' },
        lastVersion: { name: 'last_version', type: 'integer' },
      },
    });
    this.applied = new EntitySchema<AppliedRow>({
      name: `${name}_applied`,
      columns: {
        seq: { type: 'integer', primary: true, generated: 'increment' },
        position: { type: 'integer' },
        streamId: { name: 'stream_id', type: 'varchar', length: 200 },
      },
    });
    this.entities = [this.counts, this.applied] as EntitySchema[];
  }

  async apply(event: RecordedEvent, tx: EntityManager): Promise<void> {
    await tx.insert(this.applied, { position: event.position, streamId: event.streamId });
    if (event.position === this.failAt) {
      this.failures += 1;
      throw new Error(`${this.name} refuses position ${event.position}`);
    }
    const row = await tx.findOneBy(this.counts, { streamId: event.streamId });
    await tx.save(this.counts, { streamId: event.streamId, events: (row?.events ?? 0) + 1, lastVersion: event.version });
  }

  async appliedPositions(manager: EntityManager): Promise<number[]> {
    const rows = await manager.find(this.applied, { order: { seq: 'ASC' } });
    return rows.map((row) => row.position);
  }

  async countsByStream(manager: EntityManager): Promise<Record<string, number>> {
    const rows = await manager.find(this.counts);
    return Object.fromEntries(rows.map((row) => [row.streamId, row.events]));
  }
}
