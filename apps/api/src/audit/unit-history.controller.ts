import { Controller, Get, Inject, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@reorg/auth';
import { ApiProblemResponses, ProblemException, messageText } from '@reorg/http';
import { ResolveRegisterReference } from '@reorg/register';
import { UnitHistoryDto } from './audit.schema';
import { GetUnitHistory } from './audit.queries';
import type { UnitHistoryEntry } from './unit-history';
import { SkipReadHorizon } from '../read-consistency';

const notFound = (unitId: string) => new ProblemException({ code: 'NOT_FOUND', detail: messageText('http.notFound.unit', { unit: unitId }) });

@ApiTags('units')
@SkipReadHorizon()
@Controller('api/v1/units')
export class UnitHistoryController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get(':id/history')
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary: 'Every event of a unit, in recorded order',
    description:
      'Baseline registration, every decided change and every annulment: effective date, when it was recorded, the decision and proposal it rests on, who caused it (actor and roles) and its stream-chain hash. Read from the event store, so it is complete the moment a change is recorded. Addressed by id or code (a UUID is an id, anything else a code).',
  })
  @ApiOkResponse({ type: UnitHistoryDto })
  @ApiProblemResponses(403, 404)
  async history(@Param('id') reference: string): Promise<{ unitId: string; items: UnitHistoryEntry[] }> {
    const id = await this.queries.execute(new ResolveRegisterReference('unit', reference));
    if (!id) throw notFound(reference);
    const items = await this.queries.execute(new GetUnitHistory(id));
    if (!items) throw notFound(reference);
    return { unitId: id, items };
  }
}
