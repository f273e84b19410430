import type { EventStore } from './event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore, type SqliteWriterMode } from './sqlite/sqlite-event-store';
import type { RecordedAtClock } from './recorded-at-clock';
import type { UpcasterRegistry } from './upcasting';

export interface EventStoreOptions {
  kind: 'sqlite' | 'postgres';
  sqlitePath?: string;
  /** Where the embedded store hashes and commits appends (ADR 0027); default `worker`. */
  sqliteWriter?: SqliteWriterMode;
  databaseUrl?: string;
  schema?: string;
  clock?: () => number;
  maxClockSkewMs?: number;
  /** Shared clock with its skew bound (overrides `clock`). */
  recordedAtClock?: RecordedAtClock;
  upcasters?: UpcasterRegistry;
}

export async function openEventStore(options: EventStoreOptions): Promise<EventStore> {
  if (options.kind === 'postgres') {
    if (!options.databaseUrl) throw new Error('databaseUrl is required for the postgres event store');
    return PostgresEventStore.connect({
      connectionString: options.databaseUrl,
      schema: options.schema,
      clock: options.clock,
      maxClockSkewMs: options.maxClockSkewMs,
      recordedAtClock: options.recordedAtClock,
      upcasters: options.upcasters,
    });
  }
  return SqliteEventStore.open({
    path: options.sqlitePath ?? './data/events.sqlite',
    writer: options.sqliteWriter,
    clock: options.clock,
    maxClockSkewMs: options.maxClockSkewMs,
    recordedAtClock: options.recordedAtClock,
    upcasters: options.upcasters,
  });
}
