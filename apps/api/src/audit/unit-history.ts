import type { EventStore, JsonObject, RecordedEvent } from '@reorg/event-store';
import { Streams, readWholeStream } from '@reorg/register';

export interface UnitHistoryEntry {
  position: number;
  version: number;
  type: string;
  effectiveDate?: string;
  recordedAt: string;
  proposalId?: string;
  decision?: { number: string; date: string; issuer?: string };
  actor?: string;
  roles?: string[];
  hash: string;
  data: JsonObject;
}

const text = (value: unknown): value is string => typeof value === 'string';
const objectOf = (value: unknown): Record<string, unknown> | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);

/** A change's decision, or for an annulment the decision that annuls. */
function decisionOf(data: JsonObject): UnitHistoryEntry['decision'] {
  const source = objectOf(data.decision) ?? objectOf(data.annulment);
  if (!source || !text(source.number) || !text(source.date)) return undefined;
  return { number: source.number, date: source.date, ...(text(source.issuer) ? { issuer: source.issuer } : {}) };
}

export function toUnitHistoryEntry(event: RecordedEvent): UnitHistoryEntry {
  const { data, metadata } = event;
  const effectiveDate = text(metadata.effectiveDate) ? metadata.effectiveDate : text(data.effectiveDate) ? data.effectiveDate : undefined;
  const decision = decisionOf(data);
  return {
    position: event.position,
    version: event.version,
    type: event.type,
    ...(effectiveDate ? { effectiveDate } : {}),
    recordedAt: metadata.recordedAt,
    ...(text(data.proposalId) ? { proposalId: data.proposalId } : {}),
    ...(decision ? { decision } : {}),
    ...(text(metadata.actor) ? { actor: metadata.actor } : {}),
    ...(Array.isArray(metadata.roles) ? { roles: metadata.roles.filter(text) } : {}),
    hash: event.hash,
    data,
  };
}

/** The unit's events in order, or undefined when there is no such unit. */
export async function unitHistory(store: EventStore, unitId: string): Promise<UnitHistoryEntry[] | undefined> {
  const events = await readWholeStream(store, Streams.unit(unitId));
  return events.length === 0 ? undefined : events.map(toUnitHistoryEntry);
}
