import type { JsonObject } from '@reorg/event-store';

/** Content type of a CloudEvent in structured mode (CloudEvents Kafka protocol binding 1.0). */
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json; charset=UTF-8';

/**
 * A CloudEvents 1.0 event as carried in structured mode (JSON format). `position` and `hash` are
 * extension attributes: the event's global position and its stream hash in our log.
 */
export interface CloudEvent<Data extends JsonObject = JsonObject> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: Data;
  position: number;
  hash: string;
}

const REQUIRED_STRINGS = ['id', 'source', 'type', 'subject', 'time', 'hash'] as const;

export function serializeCloudEvent(event: CloudEvent): Buffer {
  return Buffer.from(JSON.stringify(event), 'utf8');
}

/** Parses and checks a structured-mode CloudEvent; throws on anything else. */
export function parseCloudEvent(value: Buffer | string | null): CloudEvent {
  if (value === null) throw new Error('CloudEvent: empty message value');
  const parsed: unknown = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null) throw new Error('CloudEvent: not a JSON object');
  const event = parsed as Record<string, unknown>;
  if (event.specversion !== '1.0') throw new Error(`CloudEvent: unsupported specversion ${String(event.specversion)}`);
  for (const name of REQUIRED_STRINGS) {
    if (typeof event[name] !== 'string' || event[name] === '') throw new Error(`CloudEvent: attribute ${name} missing`);
  }
  if (!Number.isSafeInteger(event.position)) throw new Error('CloudEvent: extension position is not an integer');
  if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) throw new Error('CloudEvent: data is not a JSON object');
  return event as unknown as CloudEvent;
}
