import { Controller, Get, Inject, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@reorg/auth';
import { ApiProblemResponses, ProblemException, messageText } from '@reorg/http';
import { z } from 'zod';
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
      'Baseline registration, every decided change and every annulment: effective date, when it was recorded, the decision and proposal it rests on, who caused it (actor and roles) and its stream-chain hash. Read from the event store, so it is complete the moment a change is recorded.',
  })
  @ApiOkResponse({ type: UnitHistoryDto })
  @ApiProblemResponses(403, 404)
  async history(@Param('id') unitId: string): Promise<{ unitId: string; items: UnitHistoryEntry[] }> {
    if (!z.guid().safeParse(unitId).success) throw notFound(unitId);
    const id = unitId.toLowerCase();
    const items = await this.queries.execute(new GetUnitHistory(id));
    if (!items) throw notFound(unitId);
    return { unitId: id, items };
  }
}
