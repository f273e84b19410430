import type { EventStore, JsonObject, RecordedEvent } from '@reorg/event-store';
import { readWholeStream } from '../register-repository';
import { Streams } from '../streams';

/** One event of a proposal's stream as the history shows it: who, in which role, when, about which dossier. */
export interface ProposalHistoryEntry {
  position: number;
  version: number;
  type: string;
  /** When the register recorded it. */
  recordedAt: string;
  /** The token's `sub` that caused it. */
  actor?: string;
  /** The caller's roles; for a sign-off, `role` is the one the step required. */
  roles?: string[];
  role?: string;
  /** The instant the event itself names (submittedAt, decidedAt, …). */
  at?: string;
  round?: number;
  stepId?: string;
  comment?: string;
  dossierVersion?: number;
  dossierHash?: string;
  /** The effective date the event names (e.g. the final decision's). */
  effectiveDate?: string;
  /** The decision the proposal's final approval records. */
  decision?: { number: string; date: string; issuer?: string };
  /** The event's stream-chain hash (as in /audit/events). */
  hash: string;
  data: JsonObject;
}

const AT_FIELDS = ['draftedAt', 'amendedAt', 'addedAt', 'submittedAt', 'decidedAt', 'approvedAt', 'withdrawnAt', 'detectedAt', 'executedAt', 'failedAt'];

const stringField = (data: JsonObject, name: string) => (typeof data[name] === 'string' ? { [name]: data[name] } : {});
const numberField = (data: JsonObject, name: string) => (typeof data[name] === 'number' ? { [name]: data[name] } : {});

function decisionOf(data: JsonObject): ProposalHistoryEntry['decision'] {
  const decision = data.decision;
  if (decision === null || typeof decision !== 'object' || Array.isArray(decision)) return undefined;
  if (typeof decision.number !== 'string' || typeof decision.date !== 'string') return undefined;
  return { number: decision.number, date: decision.date, ...(typeof decision.issuer === 'string' ? { issuer: decision.issuer } : {}) };
}

function effectiveDateOf(event: RecordedEvent): string | undefined {
  const { data, metadata } = event;
  const decision = data.decision;
  const fromDecision = decision !== null && typeof decision === 'object' && !Array.isArray(decision) ? decision.effectiveDate : undefined;
  return [metadata.effectiveDate, data.effectiveDate, fromDecision].find((value): value is string => typeof value === 'string');
}

export function toHistoryEntry(event: RecordedEvent): ProposalHistoryEntry {
  const { data, metadata } = event;
  const at = AT_FIELDS.map((field) => data[field]).find((value): value is string => typeof value === 'string');
  const effectiveDate = effectiveDateOf(event);
  const decision = decisionOf(data);
  return {
    position: event.position,
    version: event.version,
    type: event.type,
    recordedAt: metadata.recordedAt,
    ...(typeof metadata.actor === 'string' ? { actor: metadata.actor } : {}),
    ...(Array.isArray(metadata.roles) ? { roles: metadata.roles.filter((r): r is string => typeof r === 'string') } : {}),
    ...stringField(data, 'role'),
    ...(at ? { at } : {}),
    ...numberField(data, 'round'),
    ...stringField(data, 'stepId'),
    ...stringField(data, 'comment'),
    ...numberField(data, 'dossierVersion'),
    ...stringField(data, 'dossierHash'),
    ...(effectiveDate ? { effectiveDate } : {}),
    ...(decision ? { decision } : {}),
    hash: event.hash,
    data,
  };
}

/** The proposal's events in order (every round's chain stays there), or undefined when there is no such proposal. */
export async function proposalHistory(store: EventStore, proposalId: string): Promise<ProposalHistoryEntry[] | undefined> {
  const events = await readWholeStream(store, Streams.proposal(proposalId));
  return events.length === 0 ? undefined : events.map(toHistoryEntry);
}
