import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@reorg/auth';
import { ApiProblemResponses } from '@reorg/http';
import { GetStructure, GetStructureDiff } from '@reorg/read-models';
import { RegisterClock } from '../register/register-clock';
import { DiffQueryDto, StructureDiffDto, StructureDto, StructureQueryDto } from './units.schema';

@ApiTags('structure')
@Controller('api/v1/structure')
export class StructureController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(RegisterClock) private readonly clock: RegisterClock,
  ) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'The structure as of a date, as known at an instant',
    description: 'Totals of active units (by system, both always listed, and by sector present) and every governing body active on asOf with its active units, by code.',
  })
  @ApiOkResponse({ type: StructureDto })
  @ApiProblemResponses(400, 403)
  structure(@Query() query: StructureQueryDto) {
    return this.queries.execute(new GetStructure({ asOf: query.asOf ?? this.clock.today(), knownAt: query.knownAt }, this.clock.now()));
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
