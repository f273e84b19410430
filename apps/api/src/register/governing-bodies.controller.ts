import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@reorg/auth';
import { DomainRefusal } from '@reorg/domain';
import { ApiProblemResponses } from '@reorg/http';
import { AbolishGoverningBody, type CommandContext, RegisterGoverningBody, RenameGoverningBody } from '@reorg/register';
import { GetGoverningBody, GetGoverningBodyLineage, type GoverningBodyView, ListGoverningBodies } from '@reorg/read-models';
import { z } from 'zod';
import { Command } from '../idempotency';
import { RegisterClock } from './register-clock';
import { AbolishGoverningBodyDto, AbolitionResultDto, GoverningBodyDto, GoverningBodyLineageDto, GoverningBodyListDto, GoverningBodyListQueryDto, GoverningBodyQueryDto, NewGoverningBodyDto, RenameGoverningBodyDto } from './schemas/dtos';

const isId = (value: string) => z.guid().safeParse(value).success;
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
  @ApiOperation({ summary: 'Register a governing body (cơ quan chủ quản)', description: 'The code is unique forever: a used code → 409 DUPLICATE_CODE.' })
  @ApiCreatedResponse({ type: GoverningBodyDto })
  @ApiProblemResponses(400, 403, 409, 422)
  async register(@Body() body: NewGoverningBodyDto, @Command() command: CommandContext) {
    const { bodyId } = await this.commands.execute(new RegisterGoverningBody(body, command));
    return { id: bodyId, code: body.code, name: body.name, system: body.system, level: body.level, ...(body.parentId ? { parentId: body.parentId } : {}), status: 'ACTIVE' };
  }

  @Post(':id/rename')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Rename a governing body from a date', description: 'Answers the body as it stands on the effective date.' })
  @ApiOkResponse({ type: GoverningBodyDto })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  async rename(@Param('id') bodyId: string, @Body() body: RenameGoverningBodyDto, @Command() command: CommandContext) {
    if (!isId(bodyId)) throw notFound(bodyId);
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
      '422 UNIT_NOT_UNDER_BODY, UNKNOWN_UNIT, UNKNOWN_GOVERNING_BODY, LEVEL_NOT_IN_EFFECT (naming its legal source).',
  })
  @ApiOkResponse({ type: AbolitionResultDto })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  async abolish(@Param('id') bodyId: string, @Body() body: AbolishGoverningBodyDto, @Command() command: CommandContext) {
    if (!isId(bodyId)) throw notFound(bodyId);
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
  @ApiOperation({ summary: "A governing body's predecessors and successors", description: 'Mergers, splits and abolitions with a transfer, by effective date.' })
  @ApiOkResponse({ type: GoverningBodyLineageDto })
  @ApiProblemResponses(403, 404)
  async lineage(@Param('id') bodyId: string) {
    if (!isId(bodyId)) throw notFound(bodyId);
    const lineage = await this.queries.execute(new GetGoverningBodyLineage(bodyId));
    if (!lineage) throw notFound(bodyId);
    return lineage;
  }

  @Get(':id')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'A governing body as it stood on a date' })
  @ApiOkResponse({ type: GoverningBodyDto })
  @ApiProblemResponses(400, 403, 404)
  get(@Param('id') bodyId: string, @Query() query: GoverningBodyQueryDto) {
    if (!isId(bodyId)) throw notFound(bodyId);
    return this.view(bodyId, query.asOf ?? this.clock.today());
  }

  private async view(bodyId: string, asOf: string): Promise<GoverningBodyView> {
    const view = await this.queries.execute(new GetGoverningBody(bodyId, asOf));
    if (!view) throw notFound(bodyId);
    return view;
  }
}
