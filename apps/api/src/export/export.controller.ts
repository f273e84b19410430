import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@reorg/auth';
import { ApiProblemResponses } from '@reorg/http';
import { ORG_CSV_COLUMNS } from '@reorg/read-models/org-export';
import { RegisterClock } from '../register/register-clock';
import { EXPORT_EXAMPLES } from './export.examples';
import { OrgExportQueryDto } from './export.schema';
import { ExportOrg } from './export.queries';

@ApiTags('audit and export')
@Controller('api/v1/export')
export class ExportController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(RegisterClock) private readonly clock: RegisterClock,
  ) {}

  @Get('org')
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary: 'The register and its change events as of a date: JSON-LD (W3C ORG + PROV), Popolo JSON or CSV',
    description: [
      'Every governing body and unit standing on asOf (ended units too, never units not yet established), as the register knows it now.',
      'jsonld: an inline @context; bodies and units are org:FormalOrganization (org:subOrganizationOf their body, org:classification a SKOS sector concept,',
      'prov:generatedAtTime / prov:invalidatedAtTime at midnight in the province); one org:ChangeEvent per structural operation (establish, consolidate, absorb,',
      'divide, separate, dissolve) effective on or before asOf, typed reorg:Establishment / Consolidation / Absorption / Division / Separation / Dissolution,',
      'with org:originalOrganization, org:resultingOrganization, prov:startedAtTime and the decision (reorg:Decision) as dct:source; units link back with',
      'org:changedBy and org:resultedFrom. Renames and other attribute changes are dated attributes, not events (former names are skos:altLabel).',
      'popolo: { organizations: [{ id, name, classification (sector code; GOVERNING_BODY for bodies), identifiers, other_names (former names; end_date is the',
      'effective date of the next name), founding_date, dissolution_date (the first day no longer active), parent_id }] }.',
      `csv: one row per unit, columns ${ORG_CSV_COLUMNS.join(', ')}; predecessorCodes and successorCodes as in the lineage, separated by ";".`,
    ].join(' '),
  })
  @ApiProduces('application/ld+json', 'application/json', 'text/csv')
  @ApiOkResponse({
    description: 'The export',
    content: {
      'application/ld+json': { schema: { type: 'object', example: EXPORT_EXAMPLES.jsonld } },
      'application/json': { schema: { type: 'object', example: EXPORT_EXAMPLES.popolo } },
      'text/csv': { schema: { type: 'string', example: EXPORT_EXAMPLES.csv } },
    },
  })
  @ApiProblemResponses(400, 403)
  async org(@Query() query: OrgExportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const asOf = query.asOf ?? this.clock.today();
    const file = await this.queries.execute(new ExportOrg(asOf, query.format, query.lang));
    void reply.header('content-type', file.contentType);
    if (file.filename) void reply.header('content-disposition', `attachment; filename="${file.filename}"`);
    return file.body;
  }
}
