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

const checkpointSchema = z.object({
  format: z.literal('reorg-checkpoint/1'),
  position: z.number().int().min(0).describe('The global position P the checkpoint asserts'),
  globalHash: hash.describe('The global chain’s hash of the event at P (64 zeros for an empty log)'),
  heads: z.array(z.object({ streamId: z.string().min(1), version: z.number().int().min(1), hash })).describe('Every stream’s head at P, sorted by stream id'),
  createdAt: z.iso.datetime(),
  digest: hash.describe('SHA-256 of the RFC 8785 form of { position, globalHash, heads, createdAt }'),
  algorithm: z.literal('Ed25519'),
  keyId: hash.describe('SHA-256 of the signing key’s public half (SPKI DER); informative, not signed'),
  // Not z.base64(): its JSON schema carries `contentEncoding`, which OpenAPI 3.0 refuses.
  signature: z
    .string()
    .regex(/^(?:[0-9a-zA-Z+/]{4})*(?:[0-9a-zA-Z+/]{2}==|[0-9a-zA-Z+/]{3}=)?$/, 'must be base64')
    .min(1)
    .describe('Ed25519 signature (base64) over the 32 digest bytes'),
});

/** A checkpoint file as `npm run cli -- checkpoint` writes it (docs/adr/0009). */
export class SignedCheckpointDto extends createZodDto(checkpointSchema) {}

export class CheckpointVerificationDto extends createZodDto(
  z.object({
    ok: z.boolean().describe('Both chains verify and the log extends the checkpoint'),
    streams: z.number().int(),
    events: z.number().int().describe('Events walked (up to the first broken link)'),
    failures: z.array(failureSchema).describe('The first broken link and the first divergence from the checkpoint, if any'),
    trustedKeyId: hash.describe('The key the signature was verified with (AUDIT_PUBLIC_KEY_FILE)'),
    checkpoint: z.object({
      position: z.number().int(),
      globalHash: hash,
      createdAt: z.string(),
      keyId: hash,
      digest: hash,
      signature: z.string(),
      streams: z.number().int().describe('Stream heads the checkpoint records'),
      signatureVerified: z.literal(true).describe('Always true: a checkpoint the trusted key did not sign is refused (422)'),
      extended: z.boolean().describe('The current log still holds, unchanged, everything the checkpoint recorded'),
    }),
  }),
) {}
