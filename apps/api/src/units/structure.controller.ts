import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@reorg/auth';
import { AppConfig } from '@reorg/config';
import { formerProvincesOf } from '@reorg/domain';
import { ApiProblemResponses } from '@reorg/http';
import { GetStructure, GetStructureDiff, GetStructurePositions } from '@reorg/read-models';
import type { Places } from '@reorg/read-models/units';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RegisterClock } from '../register/register-clock';
import { notModified, structureTag } from './structure-etag';
import { DiffQueryDto, StructureDiffDto, StructureDto, StructureQueryDto } from './units.schema';

@ApiTags('structure')
@Controller('api/v1/structure')
export class StructureController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(RegisterClock) private readonly clock: RegisterClock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** A 2025 province's places: its former provinces, and this register's own units when it is REGISTER_PROVINCE (the schema refused any other code). */
  private placesOf(province: string | undefined): Places | undefined {
    if (province === undefined) return undefined;
    const former = formerProvincesOf(province) ?? [];
    return this.config.register.province === province ? [...former, null] : former;
  }

  @Get()
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'The structure as of a date, as known at an instant',
    description:
      'Totals of active units (by system, both always listed, and by sector present) and every governing body active on asOf with its active units, by code. ' +
      'province= narrows both to one province of the 2025 map: its former provinces\' units and bodies (what joined it included; before the merger too), totals of those units only.',
  })
  @ApiOkResponse({ type: StructureDto, headers: { ETag: { description: 'Weak validator of asOf, knownAt and the read models\' positions; If-None-Match with it answers 304 while they stand still', schema: { type: 'string' } } } })
  @ApiProblemResponses(400, 403)
  async structure(@Query() query: StructureQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const at = { asOf: query.asOf ?? this.clock.today(), knownAt: query.knownAt };
    const asked = request.headers['if-none-match'];
    if (asked) {
      const tag = structureTag(at, await this.queries.execute(new GetStructurePositions()), query.province);
      if (notModified(asked, tag)) return void reply.status(304).header('etag', tag).header('cache-control', 'no-cache').send();
    }
    const { positions, body } = await this.queries.execute(new GetStructure(at, this.clock.now(), this.placesOf(query.province)));
    // Serialised by the query (each unit version's JSON made once), compressed when the client asks (Accept-Encoding).
    reply.header('etag', structureTag(at, positions, query.province)).header('cache-control', 'no-cache').type('application/json; charset=utf-8').compress(body);
  }

  @Get('diff')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'What changed between two dates',
    description: 'established / ended: units whose establishment / end takes effect after from and on or before to (as they stand on to); changed: units active on both dates whose attributes differ.',
  })
  @ApiOkResponse({ type: StructureDiffDto })
  @ApiProblemResponses(400, 403)
  diff(@Query() query: DiffQueryDto) {
    return this.queries.execute(new GetStructureDiff(query.from, query.to, query.knownAt));
  }
}
