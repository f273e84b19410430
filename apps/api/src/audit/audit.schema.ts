import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const MAX_AUDIT_PAGE = 1000;

const hash = z.string().describe('SHA-256, 64 hex digits');

export const auditEventsQuerySchema = z.strictObject({
  fromPosition: z.coerce.number().int().min(1).default(1).describe('First global position to return (inclusive); positions are 1-based and may have gaps'),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(100).describe(`Events per page, 1..${MAX_AUDIT_PAGE} (default 100)`),
});

const auditEventSchema = z.object({
  position: z.number().int(),
  eventId: z.string().describe('Part of the hashed form'),
  streamId: z.string(),
  version: z.number().int(),
  type: z.string(),
  schemaVersion: z.number().int(),
  data: z.record(z.string(), z.unknown()).describe('As stored (never upcast): the hashed form'),
  metadata: z.record(z.string(), z.unknown()).describe('actor, roles, recordedAt, effectiveDate, source, correlationId …'),
  hash: hash.describe('Stream chain: SHA-256 of JCS({ data, eventId, metadata, previousHash, schemaVersion, streamId, type, version })'),
  globalHash: hash.describe('Global chain: SHA-256 of JCS({ position, previousGlobalHash, streamHash })'),
});

export class AuditEventsQueryDto extends createZodDto(auditEventsQuerySchema) {}
export class AuditEventPageDto extends createZodDto(
  z.object({
    items: z.array(auditEventSchema),
    nextPosition: z.number().int().describe('fromPosition for the next page; with an empty page it is the position to poll from'),
  }),
) {}

const failureSchema = z.object({ streamId: z.string(), version: z.number().int(), position: z.number().int(), reason: z.string() });

export class AuditVerificationDto extends createZodDto(
  z.object({
    ok: z.boolean(),
    streams: z.number().int(),
    events: z.number().int().describe('Events walked (up to the first broken link)'),
    failures: z.array(failureSchema).describe('The first broken link, if any'),
    position: z.number().int().describe('Last position verified'),
    globalHash: hash.describe('Global hash at that position (64 zeros for an empty log)'),
  }),
) {}

const historyItemSchema = z.object({
  position: z.number().int(),
  version: z.number().int(),
  type: z.string().describe('Past-tense event type, e.g. UnitRenamed'),
  effectiveDate: z.string().optional().describe('The date the change takes effect'),
  recordedAt: z.string().describe('When the register recorded it'),
  proposalId: z.string().optional().describe('The proposal whose execution caused it'),
  decision: z.object({ number: z.string(), date: z.string(), issuer: z.string().optional() }).optional().describe('The decision it rests on (for an annulment: the annulling decision)'),
  actor: z.string().optional().describe('The token’s sub that caused it'),
  roles: z.array(z.string()).optional(),
  hash: hash.describe('The event’s stream-chain hash (as in /audit/events)'),
  data: z.record(z.string(), z.unknown()),
});

export class UnitHistoryDto extends createZodDto(z.object({ unitId: z.string(), items: z.array(historyItemSchema) })) {}
