import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, type Principal, Roles, ROLES } from '@reorg/auth';
import { ApiProblemResponses, ProblemException, messageText } from '@reorg/http';
import { AttachFile, type CommandContext } from '@reorg/register';
import { GetAttachment } from '@reorg/register/proposals';
import { Command } from '../idempotency';
import { MAX_ATTACHMENT_BYTES, readSingleFile } from './attachment-upload';
import { AttachmentDto } from './dto/proposal.dto';
import { actorOf, readerOf } from './principal-roles';
import { proposalIdOf } from './proposal-id';

const contentDisposition = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

@ApiTags('proposals')
@Controller('api/v1/proposals/:id/attachments')
export class AttachmentsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('proposer')
  @ApiOperation({
    summary: 'Attach a file to the dossier',
    description: `multipart/form-data with one file (at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB). The file joins the current dossier version; the dossier hash then covers its SHA-256. Only DRAFT or RETURNED proposals (409 INVALID_STATE).`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiProblemResponses(400, 403, 404, 409, 413)
  async upload(@Param('id') id: string, @Req() request: FastifyRequest, @CurrentPrincipal() principal: Principal, @Command() context: CommandContext): Promise<AttachmentDto> {
    const proposalId = proposalIdOf(id);
    const file = await readSingleFile(request);
    const { attachment } = await this.commands.execute(new AttachFile(proposalId, file, actorOf(principal), context));
    const { attachmentId, name, mediaType, size, sha256 } = attachment;
    return { attachmentId, name, mediaType, size, sha256 };
  }

  @Get(':attachmentId')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The bytes of an attachment', description: 'Served with the media type given at upload and a Repr-Digest (RFC 9530) of its SHA-256.' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiProblemResponses(403, 404)
  async download(@Param('id') id: string, @Param('attachmentId') attachmentId: string, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply): Promise<void> {
    const found = await this.queries.execute(new GetAttachment(proposalIdOf(id), attachmentId, readerOf(principal)));
    if (!found) throw new ProblemException({ code: 'NOT_FOUND', detail: messageText('http.notFound.attachment', { attachment: attachmentId }) });
    const { attachment, bytes } = found;
    await reply
      .header('content-type', attachment.mediaType)
      .header('content-length', String(bytes.length))
      .header('content-disposition', contentDisposition(attachment.name))
      .header('x-content-type-options', 'nosniff')
      .header('etag', `"${attachment.sha256}"`)
      .header('repr-digest', `sha-256=:${Buffer.from(attachment.sha256, 'hex').toString('base64')}:`)
      .send(bytes);
  }
}
