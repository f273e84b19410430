import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@reorg/auth';
import { DomainRefusal } from '@reorg/domain';
import { ApiProblemResponses } from '@reorg/http';
import { AbolishGoverningBody, type CommandContext, RegisterGoverningBody, RenameGoverningBody, ResolveRegisterReference } from '@reorg/register';
import { GetGoverningBody, GetGoverningBodyLineage, type GoverningBodyView, ListGoverningBodies } from '@reorg/read-models';
import { Command } from '../idempotency';
import { RegisterClock } from './register-clock';
import { AbolishGoverningBodyDto, AbolitionResultDto, GoverningBodyDto, GoverningBodyLineageDto, GoverningBodyListDto, GoverningBodyListQueryDto, GoverningBodyQueryDto, NewGoverningBodyDto, RenameGoverningBodyDto } from './schemas/dtos';

const notFound = (bodyId: string) => new DomainRefusal('NOT_FOUND', [{ code: 'NOT_FOUND', detail: `no governing body ${bodyId}`, variant: 'body', params: { body: bodyId } }]);

@ApiTags('governing bodies')
@Controller('api/v1/governing-bodies')
export class GoverningBodiesController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(RegisterClock) private readonly clock: RegisterClock,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Register a governing body (cơ quan chủ quản)', description: 'The code is unique forever: a used code → 409 DUPLICATE_CODE; a UUID-shaped code → 422 INVALID_CODE (a UUID always reads as an id).' })
  @ApiCreatedResponse({ type: GoverningBodyDto, description: 'The body registered; Location carries its address', headers: { Location: { description: '/api/v1/governing-bodies/{id}', schema: { type: 'string' } } } })
  @ApiProblemResponses(400, 403, 409, 422)
  async register(@Body() body: NewGoverningBodyDto, @Command() command: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const { bodyId } = await this.commands.execute(new RegisterGoverningBody(body, command));
    void reply.header('location', `/api/v1/governing-bodies/${bodyId}`);
    return { id: bodyId, code: body.code, name: body.name, system: body.system, level: body.level, ...(body.parentId ? { parentId: body.parentId } : {}), status: 'ACTIVE' };
  }

  @Post(':id/rename')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Rename a governing body from a date', description: 'Answers the body as it stands on the effective date. Addressed by id or code (a UUID is an id, anything else a code).' })
  @ApiOkResponse({ type: GoverningBodyDto })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  async rename(@Param('id') reference: string, @Body() body: RenameGoverningBodyDto, @Command() command: CommandContext) {
    const bodyId = await this.bodyIdOf(reference);
    await this.commands.execute(new RenameGoverningBody(bodyId, body, command));
    return this.view(bodyId, body.effectiveDate);
  }

  @Post(':id/abolish')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Abolish a governing body on a date',
    description:
      'Every unit still under the body on that date moves to its destination in unitDestinations, or else to transferUnitsTo, as TRANSFERs naming the decision, ' +
      'recorded with the abolition in one atomic append (the same rules as a decision whose bodyOperations abolish or split a body). ' +
      '422 UNIT_NOT_UNDER_BODY, UNKNOWN_UNIT, UNKNOWN_GOVERNING_BODY, LEVEL_NOT_IN_EFFECT (naming its legal source). Addressed by id or code (a UUID is an id, anything else a code).',
  })
  @ApiOkResponse({ type: AbolitionResultDto })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  async abolish(@Param('id') reference: string, @Body() body: AbolishGoverningBodyDto, @Command() command: CommandContext) {
    const bodyId = await this.bodyIdOf(reference);
    const { transferredUnitIds } = await this.commands.execute(new AbolishGoverningBody(bodyId, body, command));
    return {
      id: bodyId,
      abolishedOn: body.effectiveDate,
      transferUnitsTo: body.transferUnitsTo,
      ...(body.unitDestinations?.length ? { unitDestinations: body.unitDestinations } : {}),
      transferredUnitIds,
    };
  }

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Governing bodies as they stood on a date', description: 'Sorted by code; by default only bodies active on asOf.' })
  @ApiOkResponse({ type: GoverningBodyListDto })
  @ApiProblemResponses(400, 403)
  list(@Query() query: GoverningBodyListQueryDto) {
    return this.queries.execute(new ListGoverningBodies({ ...query, asOf: query.asOf ?? this.clock.today() }));
  }

  @Get(':id/lineage')
  @Roles(...ROLES)
  @ApiOperation({ summary: "A governing body's predecessors and successors", description: 'Mergers, splits and abolitions with a transfer, by effective date. Addressed by id or code (a UUID is an id, anything else a code).' })
  @ApiOkResponse({ type: GoverningBodyLineageDto })
  @ApiProblemResponses(403, 404)
  async lineage(@Param('id') reference: string) {
    const lineage = await this.queries.execute(new GetGoverningBodyLineage(await this.bodyIdOf(reference)));
    if (!lineage) throw notFound(reference);
    return lineage;
  }

  @Get(':id')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'A governing body as it stood on a date', description: 'Addressed by id or code (a UUID is an id, anything else a code).' })
  @ApiOkResponse({ type: GoverningBodyDto })
  @ApiProblemResponses(400, 403, 404)
  async get(@Param('id') reference: string, @Query() query: GoverningBodyQueryDto) {
    return this.view(await this.bodyIdOf(reference), query.asOf ?? this.clock.today(), reference);
  }

  /** A UUID is an id, anything else a code; an unknown code is not found, like an unknown id. */
  private async bodyIdOf(reference: string): Promise<string> {
    const bodyId = await this.queries.execute(new ResolveRegisterReference('governingBody', reference));
    if (!bodyId) throw notFound(reference);
    return bodyId;
  }

  private async view(bodyId: string, asOf: string, reference = bodyId): Promise<GoverningBodyView> {
    const view = await this.queries.execute(new GetGoverningBody(bodyId, asOf));
    if (!view) throw notFound(reference);
    return view;
  }
}
