import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal, Roles, ROLES } from '@reorg/auth';
import { ApiProblemResponses, ProblemException, messageText } from '@reorg/http';
import { DomainRefusal } from '@reorg/domain';
import type { DossierContent } from '@reorg/domain/proposals';
import { AmendProposal, type CommandContext, CreateProposal, ResolveRegisterReference, WithdrawProposal } from '@reorg/register';
import { ListProposals } from '@reorg/read-models';
import { GetProposal, PreviewProposal, type ProposalPreview, type ProposalResult } from '@reorg/register/proposals';
import { type Page, type ProposalView, toProposalView } from '@reorg/read-models/proposals';
import { Command } from '../idempotency';
import { PreviewQueryDto, ProposalPreviewDto } from './dto/preview.dto';
import { ProposalBodyDto, ProposalDto, ProposalListQueryDto, ProposalPageDto, WithdrawBodyDto } from './dto/proposal.dto';
import { entityTag, expectedDossierVersion } from './if-match';
import { actorOf, readerOf } from './principal-roles';
import { proposalIdOf } from './proposal-id';
import { ReadsEventLog } from '../read-consistency';

@ApiTags('proposals')
@Controller('api/v1/proposals')
export class ProposalsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('proposer')
  @ApiOperation({
    summary: 'Draft a proposal',
    description:
      'The proposal’s governing body is named by governingBodyId or governingBodyCode (exactly one). Every unit and governing body named must exist (404) and be under the governing bodies the caller acts for (403), including the proposal’s own body and a TRANSFER’s target. The register’s rules are checked at submission.',
  })
  @ApiCreatedResponse({ type: ProposalDto, description: 'The draft, at dossierVersion 1; ETag carries the dossier version' })
  @ApiProblemResponses(400, 403, 404)
  async create(@Body() body: ProposalBodyDto, @CurrentPrincipal() principal: Principal, @Command() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<ProposalView> {
    const result = await this.commands.execute(new CreateProposal(await this.content(body), actorOf(principal), context));
    void reply.header('location', `/api/v1/proposals/${result.state.proposalId}`);
    return this.answer(result, reply);
  }

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'List proposals, newest first', description: 'A proposer sees the proposals of the governing bodies they act for; approvers, auditors and admins see all.' })
  @ApiOkResponse({ type: ProposalPageDto })
  @ApiProblemResponses(400, 403)
  list(@Query() query: ProposalListQueryDto, @CurrentPrincipal() principal: Principal): Promise<Page<ProposalView>> {
    return this.queries.execute(new ListProposals(query, readerOf(principal)));
  }

  @Get(':id')
  @ReadsEventLog()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'A proposal', description: '404 when it does not exist or the caller may not see it.' })
  @ApiOkResponse({ type: ProposalDto })
  @ApiProblemResponses(403, 404)
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<ProposalView> {
    const proposal = await this.queries.execute(new GetProposal(proposalIdOf(id), readerOf(principal)));
    if (!proposal) throw new ProblemException({ code: 'NOT_FOUND', detail: messageText('http.notFound.proposal', { proposal: id }) });
    void reply.header('etag', entityTag(proposal.dossierVersion));
    return toProposalView(proposal);
  }

  @Get(':id/preview')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'The effect of a proposal, without recording it',
    description:
      'A dry run: the register’s own decider applies the operations to the register as it stands now, on the effective date; nothing is appended. Each unit named or changed, before and after; `ok: false` with the violations when the rules would refuse it. 404 when the proposal does not exist or the caller may not see it.',
  })
  @ApiOkResponse({ type: ProposalPreviewDto })
  @ApiProblemResponses(400, 403, 404)
  async preview(@Param('id') id: string, @Query() query: PreviewQueryDto, @CurrentPrincipal() principal: Principal): Promise<ProposalPreview> {
    const preview = await this.queries.execute(new PreviewProposal(proposalIdOf(id), readerOf(principal), query.effectiveDate));
    if (!preview) throw new ProblemException({ code: 'NOT_FOUND', detail: messageText('http.notFound.proposal', { proposal: id }) });
    return preview;
  }

  @Put(':id')
  @Roles('proposer')
  @ApiOperation({ summary: 'Amend a draft (or returned) proposal', description: 'Replaces the dossier content (the governing body by governingBodyId or governingBodyCode, exactly one); the dossier version goes up by one. Only DRAFT or RETURNED proposals (409 INVALID_STATE).' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The dossier version amended, as an entity tag: "3"', example: '"1"' })
  @ApiOkResponse({ type: ProposalDto })
  @ApiProblemResponses(400, 403, 404, 409, 412, 428)
  async amend(
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ProposalBodyDto,
    @CurrentPrincipal() principal: Principal,
    @Command() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProposalView> {
    const expected = expectedDossierVersion(ifMatch);
    return this.answer(await this.commands.execute(new AmendProposal(proposalIdOf(id), expected, await this.content(body), actorOf(principal), context)), reply);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('proposer')
  @ApiOperation({ summary: 'Withdraw a proposal', description: 'Possible until the final decision; otherwise 409 INVALID_STATE.' })
  @ApiOkResponse({ type: ProposalDto })
  @ApiProblemResponses(400, 403, 404, 409)
  async withdraw(
    @Param('id') id: string,
    @Body() body: WithdrawBodyDto,
    @CurrentPrincipal() principal: Principal,
    @Command() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProposalView> {
    return this.answer(await this.commands.execute(new WithdrawProposal(proposalIdOf(id), body.reason, actorOf(principal), context)), reply);
  }

  /** The dossier names its body by id; a governingBodyCode is resolved here (unknown → 404, like an unknown id). */
  private async content({ governingBodyCode, governingBodyId, ...rest }: ProposalBodyDto): Promise<DossierContent> {
    if (governingBodyId !== undefined) return { ...rest, governingBodyId };
    const code = governingBodyCode ?? '';
    const bodyId = await this.queries.execute(new ResolveRegisterReference('governingBody', code));
    if (bodyId) return { ...rest, governingBodyId: bodyId };
    throw new DomainRefusal('NOT_FOUND', [{ code: 'UNKNOWN_GOVERNING_BODY', detail: `no governing body ${code}`, params: { body: code }, path: 'governingBodyCode' }]);
  }

  private answer(result: ProposalResult, reply: FastifyReply): ProposalView {
    void reply.header('etag', entityTag(result.state.dossierVersion));
    return toProposalView(result.state);
  }
}
