import type { EventMetadata, JsonObject, RecordedEvent } from './types';

export interface StoredEventRow {
  position: number | string;
  event_id: string;
  stream_id: string;
  version: number | string;
  type: string;
  schema_version: number;
  data: string | JsonObject;
  metadata: string | EventMetadata;
  hash: string;
  global_hash: string;
}

export const EVENT_COLUMNS =
  'position, event_id, stream_id, version, type, schema_version, data, metadata, hash, global_hash';

export function toRecordedEvent(row: StoredEventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    version: Number(row.version),
    position: Number(row.position),
    type: row.type,
    schemaVersion: row.schema_version,
    data: typeof row.data === 'string' ? (JSON.parse(row.data) as JsonObject) : row.data,
    metadata: typeof row.metadata === 'string' ? (JSON.parse(row.metadata) as EventMetadata) : row.metadata,
    hash: row.hash,
    globalHash: row.global_hash,
  };
}
