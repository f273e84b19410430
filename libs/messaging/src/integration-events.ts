import type { GoverningBodyEvent, UnitEvent } from '@reorg/domain';
import { PROPOSAL_EVENT_TYPES } from '@reorg/domain/proposals';
import type { JsonObject, JsonValue, RecordedEvent } from '@reorg/event-store';
import type { CloudEvent } from './cloud-event';

export const EVENT_SOURCE = 'urn:reorg:register';
/** Bumped only with a new topic (reorg.units.v2): consumers rely on the shape of v1. */
export const CONTRACT_VERSION = 'v1';

type DataOf<E extends { type: string; data: object }, T extends E['type']> = Extract<E, { type: T }>['data'];
type ChangeFields<E extends { type: string; data: object }> = { [T in E['type']]: ReadonlyArray<keyof DataOf<E, T> & string> };

/**
 * The public contract, field by field: only what is listed here leaves the building. Identifiers,
 * dates, the decision and what changed; never actors, comments, proposal internals or the reason
 * text of an annulment (a free-text note).
 */
const UNIT_CHANGE_FIELDS: ChangeFields<UnitEvent> = {
  UnitRegistered: ['attributes', 'registeredAsOf'],
  UnitEstablished: ['operation', 'attributes', 'predecessorIds'],
  UnitMerged: ['operation', 'successorIds'],
  UnitDissolved: ['settlementRef'],
  UnitAbsorbedUnits: ['sourceIds', 'staffingQuota', 'autonomyGroup'],
  UnitPartSeparated: ['newUnitId', 'staffingQuota'],
  UnitRenamed: ['name', 'previousName'],
  UnitTransferred: ['fromGoverningBodyId', 'toGoverningBodyId', 'fromSystem', 'toSystem'],
  UnitAutonomyChanged: ['autonomyGroup', 'previousAutonomyGroup'],
  UnitStaffingQuotaChanged: ['staffingQuota', 'previousStaffingQuota'],
  UnitJoined: ['fromProvince'],
  UnitLeft: ['toProvince'],
  UnitDecisionAnnulled: ['decisionKey'],
};

const BODY_CHANGE_FIELDS: ChangeFields<GoverningBodyEvent> = {
  GoverningBodyRegistered: ['code', 'name', 'system', 'level', 'parentId', 'province', 'territory'],
  GoverningBodyRenamed: ['name', 'previousName'],
  GoverningBodyAbolished: ['transferUnitsTo'],
  GoverningBodyEstablished: ['code', 'name', 'system', 'level', 'parentId', 'province', 'territory'],
  GoverningBodyMerged: ['successorId'],
  GoverningBodySplit: ['successorIds', 'continues'],
  GoverningBodyReceivedFrom: ['predecessorIds', 'operation'],
  GoverningBodyJoined: ['fromProvince'],
};

const PROPOSAL_TYPES = new Set<string>(PROPOSAL_EVENT_TYPES);

/** The event types each public message kind carries, in contract order (asyncapi.yaml lists the same). */
export const PUBLIC_EVENT_TYPES = { unit: Object.keys(UNIT_CHANGE_FIELDS), body: Object.keys(BODY_CHANGE_FIELDS) } as const;

export type Audience = 'public' | 'internal';

export interface IntegrationMessage {
  audience: Audience;
  /** Message key: the stream id, so each unit, body and proposal stays in order on one partition. */
  key: string;
  event: CloudEvent;
}

/** The integration message for a recorded event, or undefined for events we do not publish. */
export function toIntegrationMessage(event: RecordedEvent): IntegrationMessage | undefined {
  if (event.type in UNIT_CHANGE_FIELDS) return publicMessage(event, unitData(event));
  if (event.type in BODY_CHANGE_FIELDS) return publicMessage(event, bodyData(event));
  if (PROPOSAL_TYPES.has(event.type)) return { audience: 'internal', key: event.streamId, event: envelope(event, `reorg.proposal.${event.type}.${CONTRACT_VERSION}`, event.data) };
  return undefined;
}

function publicMessage(event: RecordedEvent, data: JsonObject): IntegrationMessage {
  return { audience: 'public', key: event.streamId, event: envelope(event, `reorg.register.${event.type}.${CONTRACT_VERSION}`, data) };
}

function envelope(event: RecordedEvent, type: string, data: JsonObject): CloudEvent {
  return {
    specversion: '1.0',
    id: event.eventId,
    source: EVENT_SOURCE,
    type,
    subject: event.streamId,
    time: event.metadata.recordedAt,
    datacontenttype: 'application/json',
    data,
    position: event.position,
    hash: event.hash,
  };
}

function unitData(event: RecordedEvent): JsonObject {
  const data = event.data;
  const fields = UNIT_CHANGE_FIELDS[event.type as UnitEvent['type']];
  const annulment = event.type === 'UnitDecisionAnnulled' ? (data.annulment as JsonObject) : undefined;
  return {
    unitId: data.unitId,
    effectiveDate: data.effectiveDate,
    decision: (data.decision as JsonValue | undefined) ?? (annulment ? { number: annulment.number, date: annulment.date } : null),
    change: pick(data, fields),
  };
}

function bodyData(event: RecordedEvent): JsonObject {
  const data = event.data;
  return {
    bodyId: data.bodyId,
    effectiveDate: data.effectiveDate ?? null,
    decision: (data.decision as JsonValue | undefined) ?? null,
    change: pick(data, BODY_CHANGE_FIELDS[event.type as GoverningBodyEvent['type']]),
  };
}

function pick(data: JsonObject, fields: readonly string[]): JsonObject {
  const picked: JsonObject = {};
  for (const field of fields) if (data[field] !== undefined) picked[field] = data[field];
  return picked;
}
