import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@reorg/auth';
import { DomainRefusal } from '@reorg/domain';
import { ApiProblemResponses } from '@reorg/http';
import { GetUnit, GetUnitLineage, ListUnits } from '@reorg/read-models';
import { ResolveRegisterReference } from '@reorg/register';
import { RegisterClock } from '../register/register-clock';
import { LineageDto, UnitDto, UnitListDto, UnitListQueryDto, UnitQueryDto } from './units.schema';

function notFound(unitId: string, asOf?: string, knownAt?: string): DomainRefusal {
  if (!asOf) return new DomainRefusal('NOT_FOUND', [{ code: 'NOT_FOUND', detail: `no unit ${unitId}`, variant: 'unit', params: { unit: unitId } }]);
  const detail = `no unit ${unitId} as of ${asOf}${knownAt ? ` as known at ${knownAt}` : ''}`;
  return new DomainRefusal('NOT_FOUND', [{ code: 'NOT_FOUND', detail, variant: knownAt ? 'unitAsOfKnownAt' : 'unitAsOf', params: { unit: unitId, asOf, knownAt: knownAt ?? '' } }]);
}

@ApiTags('units')
@Controller('api/v1/units')
export class UnitsController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(RegisterClock) private readonly clock: RegisterClock,
  ) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Units as of a date, as known at an instant',
    description: 'Sorted by code. By default the units ACTIVE on asOf; status=ALL adds units ended on or before it (never units not yet established). Pages are 1-based; pageSize defaults to 50, larger than 500 is clamped.',
  })
  @ApiOkResponse({ type: UnitListDto })
  @ApiProblemResponses(400, 403)
  list(@Query() query: UnitListQueryDto) {
    return this.queries.execute(new ListUnits({ ...query, asOf: query.asOf ?? this.clock.today() }));
  }

  @Get(':id')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'A unit as it stood on a date, as known at an instant', description: 'Addressed by id or code (a UUID is an id, anything else a code). 404 if it did not exist yet; an ended unit answers with status MERGED or DISSOLVED and endedOn.' })
  @ApiOkResponse({ type: UnitDto })
  @ApiProblemResponses(400, 403, 404)
  async get(@Param('id') reference: string, @Query() query: UnitQueryDto) {
    const unitId = await this.unitIdOf(reference);
    const asOf = query.asOf ?? this.clock.today();
    const unit = await this.queries.execute(new GetUnit(unitId, { asOf, knownAt: query.knownAt }));
    if (!unit) throw notFound(reference, asOf, query.knownAt);
    return unit;
  }

  @Get(':id/lineage')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Direct predecessors and successors across consolidate, absorb, divide and separate', description: 'Addressed by id or code (a UUID is an id, anything else a code).' })
  @ApiOkResponse({ type: LineageDto })
  @ApiProblemResponses(403, 404)
  async lineage(@Param('id') reference: string) {
    const lineage = await this.queries.execute(new GetUnitLineage(await this.unitIdOf(reference)));
    if (!lineage) throw notFound(reference);
    return lineage;
  }

  /** A UUID is an id, anything else a code; an unknown code is not found, like an unknown id. */
  private async unitIdOf(reference: string): Promise<string> {
    const unitId = await this.queries.execute(new ResolveRegisterReference('unit', reference));
    if (!unitId) throw notFound(reference);
    return unitId;
  }
}
