import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@reorg/auth';
import { ApiProblemResponses } from '@reorg/http';
import { AuditEventPageDto, AuditEventsQueryDto, AuditVerificationDto, CheckpointVerificationDto, SignedCheckpointDto } from './audit.schema';
import { ReadRawLog, VerifyAgainstCheckpoint, VerifyStore } from './audit.queries';
import type { StoreVerificationResult } from './store-verification';
import { SkipReadHorizon } from '../read-consistency';

@ApiTags('audit')
@SkipReadHorizon()
@Controller('api/v1/audit')
export class AuditController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get('events')
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary: 'The global log as stored, paged by position',
    description:
      'Every event exactly as stored and hashed (never upcast), with both chain hashes, so that the chains can be recomputed outside the service (docs/adr/0001). Call again with fromPosition=nextPosition; an empty page means the end of the log so far.',
  })
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiProblemResponses(400, 403)
  async events(@Query() query: AuditEventsQueryDto) {
    const events = await this.queries.execute(new ReadRawLog(query.fromPosition - 1, query.limit));
    const last = events.at(-1);
    return {
      items: events.map(({ position, eventId, streamId, version, type, schemaVersion, data, metadata, hash, globalHash }) => ({
        position,
        eventId,
        streamId,
        version,
        type,
        schemaVersion,
        data,
        metadata,
        hash,
        globalHash,
      })),
      nextPosition: last ? last.position + 1 : query.fromPosition,
    };
  }

  @Get('verify')
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary: 'Verify both hash chains and the stream heads',
    description:
      'Walks the whole raw log in position order: version continuity, every stream hash, the global chain, recordedAt never decreasing, then compares the recorded stream heads (a deleted last event shows there). Reports the first broken link. Someone able to rewrite the whole database could recompute every hash: compare with a signed checkpoint (npm run cli -- verify --against, docs/adr/0009) for that.',
  })
  @ApiOkResponse({ type: AuditVerificationDto })
  @ApiProblemResponses(403)
  verify(): Promise<StoreVerificationResult> {
    return this.queries.execute(new VerifyStore());
  }

  @Post('verify/checkpoint')
  @HttpCode(200)
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary: 'Verify the log against a signed checkpoint',
    description:
      'The body is a checkpoint file as `npm run cli -- checkpoint` writes it (docs/adr/0009). Its signature is checked with the trusted public key AUDIT_PUBLIC_KEY_FILE (the api reads no private key; without that setting 409), then the whole log is walked as GET /verify does and checked to still hold, unchanged, every head and the global hash the checkpoint recorded. A checkpoint that is malformed, edited after signing or signed by another key is refused (422 RULE_VIOLATION). Reads only; nothing is recorded.',
  })
  @ApiOkResponse({ type: CheckpointVerificationDto })
  @ApiProblemResponses(400, 403, 409, 422)
  async verifyAgainstCheckpoint(@Body() body: SignedCheckpointDto): Promise<CheckpointVerificationDto> {
    const { ok, streams, events, failures, trustedKeyId, checkpoint, signed } = await this.queries.execute(new VerifyAgainstCheckpoint(body));
    return {
      ok,
      streams,
      events,
      failures,
      trustedKeyId,
      checkpoint: { ...checkpoint, globalHash: signed.globalHash, digest: signed.digest, signature: signed.signature, streams: signed.heads.length, signatureVerified: true },
    };
  }
}
