import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal, Roles } from '@reorg/auth';
import { APPROVER_ROLES } from '@reorg/domain/approval';
import { InvalidStepDecision } from '@reorg/domain/proposals';
import { ApiProblemResponses, ProblemException, joinedText, message, messageText, violationItem } from '@reorg/http';
import { type CommandContext, DecideStep, SubmitProposal } from '@reorg/register';
import { GetProposalHistory } from '@reorg/register/proposals';
import type { ProposalHistoryEntry } from '@reorg/register/approval';
import { type ProposalResult } from '@reorg/register/proposals';
import { type ProposalView, toProposalView } from '@reorg/read-models/proposals';
import { Command } from '../idempotency';
import { ProposalHistoryDto, StepDecisionBodyDto } from './dto/approval.dto';
import { ProposalDto } from './dto/proposal.dto';
import { entityTag } from './if-match';
import { actorOf, approverOf } from './principal-roles';
import { proposalIdOf } from './proposal-id';
import { ReadsEventLog } from '../read-consistency';

const notFound = (id: string) => new ProblemException({ code: 'NOT_FOUND', detail: messageText('http.notFound.proposal', { proposal: id }) });

/** A body whose shape only the chain can judge (the final approval without its decision …) answers 400 like any other bad body. */
async function asValidation<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof InvalidStepDecision)) throw error;
    const errors = error.violations.map(violationItem);
    const reasons = joinedText(errors)?.vi ?? '';
    throw new ProblemException({ code: 'VALIDATION_FAILED', detail: { vi: message('detail.stepDecisionInvalid', 'vi', { reasons }), en: error.message }, errors });
  }
}

@ApiTags('approvals')
@Controller('api/v1/proposals')
export class ProposalReviewController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('proposer')
  @ApiOperation({
    summary: 'Submit (or resubmit) a proposal for approval',
    description:
      'Only DRAFT or RETURNED proposals (409 INVALID_STATE). The operations must apply to the register as of the proposed effective date (422 RULE_VIOLATION naming the rule). The approval policy chooses the chain, which is frozen into the proposal; a resubmission opens a new round with new stepIds.',
  })
  @ApiOkResponse({ type: ProposalDto, description: 'IN_REVIEW with its chain; the first step PENDING with its due date' })
  @ApiProblemResponses(403, 404, 409, 422)
  async submit(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @Command() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<ProposalView> {
    return this.answer(await this.commands.execute(new SubmitProposal(proposalIdOf(id), actorOf(principal), context)), reply);
  }

  @Post(':id/steps/:stepId/decision')
  @HttpCode(200)
  @Roles(...APPROVER_ROLES)
  @ApiOperation({
    summary: 'Approve, return or reject a step',
    description:
      'Checks in this order, the first failure answering: body shape (400: comment for RETURN/REJECT, decision with — and only with — the final approval), the caller’s role may decide this step (403 FORBIDDEN), the step is still pending (409 STEP_NOT_PENDING), dossierVersion is current (409 STALE_DOSSIER), segregation of duties (403 SEGREGATION_OF_DUTIES: the proposer never signs; nobody signs two steps of one round). The sign-off records the dossier version and hash.',
  })
  @ApiOkResponse({ type: ProposalDto })
  @ApiProblemResponses(400, 403, 404, 409)
  async decide(
    @Param('id') id: string,
    @Param('stepId') stepId: string,
    @Body() body: StepDecisionBodyDto,
    @CurrentPrincipal() principal: Principal,
    @Command() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProposalView> {
    const result = await asValidation(() => this.commands.execute(new DecideStep(proposalIdOf(id), stepId, body, approverOf(principal), context)));
    return this.answer(result, reply);
  }

  @Get(':id/history')
  @ReadsEventLog()
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary: 'Every event of a proposal',
    description: 'In order, every round included: who (actor, roles, and for a sign-off the step’s role), when, the comment, and the dossier version and hash each sign-off names.',
  })
  @ApiOkResponse({ type: ProposalHistoryDto })
  @ApiProblemResponses(403, 404)
  async history(@Param('id') id: string): Promise<{ proposalId: string; items: ProposalHistoryEntry[] }> {
    const proposalId = proposalIdOf(id);
    const items = await this.queries.execute(new GetProposalHistory(proposalId));
    if (!items) throw notFound(id);
    return { proposalId, items };
  }

  private answer(result: ProposalResult, reply: FastifyReply): ProposalView {
    void reply.header('etag', entityTag(result.state.dossierVersion));
    return toProposalView(result.state);
  }
}
