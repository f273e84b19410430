import type { EventStore, RecordedEvent } from '@reorg/event-store';
import { verifyLog } from '@reorg/event-store/audit';
import { readWholeLog } from '../../integration/messaging/messaging-test-bed';
import { type CommandRecord, commandIdFor } from './command-load';

const RESERVATIONS = new Set(['GoverningBodyCodeReserved', 'UnitCodeReserved']);

export interface LogFacts {
  log: RecordedEvent[];
  /** Events per command id (metadata.commandId). */
  byCommand: Map<string, RecordedEvent[]>;
  /** How many times each code was reserved: 1 for every code a command registered, never 2. */
  registrations: Map<string, number>;
  duplicateEventIds: string[];
  chainsOk: boolean;
  chainFailures: unknown[];
}

export async function logFacts(store: EventStore): Promise<LogFacts> {
  const log = await readWholeLog(store);
  const byCommand = new Map<string, RecordedEvent[]>();
  const registrations = new Map<string, number>();
  const seen = new Set<string>();
  const duplicateEventIds: string[] = [];
  for (const event of log) {
    const commandId = (event.metadata as { commandId?: string }).commandId;
    if (commandId) byCommand.set(commandId, [...(byCommand.get(commandId) ?? []), event]);
    const code = RESERVATIONS.has(event.type) ? (event.data as { code?: string }).code : undefined;
    if (code) registrations.set(code, (registrations.get(code) ?? 0) + 1);
    if (seen.has(event.eventId)) duplicateEventIds.push(event.eventId);
    seen.add(event.eventId);
  }
  const { report } = await verifyLog(store);
  return { log, byCommand, registrations, duplicateEventIds, chainsOk: report.ok, chainFailures: report.failures };
}

/** Per command: the events its key's command id appended (empty: lost). */
export function eventsOf(facts: LogFacts, record: CommandRecord): RecordedEvent[] {
  return facts.byCommand.get(commandIdFor(record.key)) ?? [];
}

/** The event types each command appended, by kind: a duplicate or partial append shows as a second shape. */
export function shapesByKind(facts: LogFacts, records: CommandRecord[]): Record<string, string[]> {
  const shapes: Record<string, Set<string>> = {};
  for (const record of records) {
    const shape = eventsOf(facts, record).map((e) => e.type).join('+');
    (shapes[record.kind] ??= new Set()).add(shape);
  }
  return Object.fromEntries(Object.entries(shapes).map(([kind, set]) => [kind, [...set].sort()]));
}
