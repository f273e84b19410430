import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Roles } from '@reorg/auth';
import { DomainRefusal } from '@reorg/domain';
import { ApiProblemResponses } from '@reorg/http';
import { AnnulDecision, type CommandContext, RecordDecisions } from '@reorg/register';
import { Command } from '../idempotency';
import { AnnulmentDto, AnnulmentResultDto, DecisionImportDto, DecisionImportResultDto } from './schemas/dtos';
import { decisionImportSchema } from './schemas/operations.schema';
import { text } from './schemas/common.schema';
import { parseOrRefuse } from './validation';

/** Violations name fields within their decision; the API names them within the request. */
function withinRequest(error: DomainRefusal): DomainRefusal {
  const violations = error.violations.map((v) =>
    v.decisionIndex !== undefined && v.path && !v.path.startsWith('decisions[') ? { ...v, path: `decisions[${v.decisionIndex}].${v.path}` } : v,
  );
  return new DomainRefusal(error.kind, violations, error.message);
}

@ApiTags('decisions')
@Roles('admin')
@Controller('api/v1/decisions')
export class DecisionsController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Post('import')
  @ApiOperation({
    summary: 'Back-fill decisions already issued',
    description: [
      'Applied in the order given, all or nothing, with the same rules as proposals; operations may name units by code,',
      'including units created by an earlier decision of the batch. A broken rule → 422 with `errors[].decisionIndex`,',
      '`operationIndex`, the rule code and its `legalSource`; a decision number already recorded for the issuer in the same year → 409 DUPLICATE_DECISION.',
      'Events record `source: "import"` in their metadata.',
    ].join(' '),
  })
  @ApiBody({ type: DecisionImportDto })
  @ApiCreatedResponse({ type: DecisionImportResultDto })
  @ApiProblemResponses(400, 403, 409, 413, 422)
  async import(@Body() body: unknown, @Req() request: FastifyRequest, @Command() command: CommandContext) {
    const input = parseOrRefuse(decisionImportSchema, body, request);
    try {
      const result = await this.commands.execute(new RecordDecisions(input.decisions, command, 'import'));
      return { recorded: result.recorded, decisions: result.decisions };
    } catch (error) {
      throw error instanceof DomainRefusal ? withinRequest(error) : error;
    }
  }

  @Post(':number/annul')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Annul a recorded decision by compensating events',
    description:
      'The units it touched return to their state before it, from its effective date; units it created are withdrawn and their codes freed. ' +
      '422 CONFLICTING_DECISION when later-effective changes depend on it. A correction is an annulment followed by a new import.',
  })
  @ApiParam({ name: 'number', description: 'The decision number, URL-encoded (it contains a slash: 123%2FQĐ-UBND)', example: '123%2FQ%C4%90-UBND' })
  @ApiOkResponse({ type: AnnulmentResultDto })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  async annul(@Param('number') number: string, @Body() body: AnnulmentDto, @Req() request: FastifyRequest, @Command() command: CommandContext) {
    const decisionNumber = parseOrRefuse(text(100), number, request);
    const result = await this.commands.execute(new AnnulDecision({ number: decisionNumber, ...body }, command));
    return { number: result.number, issuer: result.issuer, annulled: true as const, unitsRestored: result.unitsRestored };
  }
}
