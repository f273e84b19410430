import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ROLES, Roles } from '@reorg/auth';
import { DomainRefusal } from '@reorg/domain';
import { ApiProblemResponses } from '@reorg/http';
import { REDUCTION_CSV_COLUMNS, type ReductionReport, ReportQueries, reductionReportCsv, reductionReportWorkbook } from '@reorg/register/read-models/reports';
import { ReductionQueryDto, ReductionReportDto, reductionReportSchema } from './reports.schema';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_EXAMPLE = reductionReportCsv(reductionReportSchema.meta()?.example as ReductionReport).replace(/^\uFEFF/, '');

@ApiTags('reports')
@ApiExtraModels(ReductionReportDto)
@Controller('api/v1/reports')
export class ReportsController {
  constructor(@Inject(ReportQueries) private readonly queries: ReportQueries) {}

  @Get('reduction')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Net reduction of units over a period, by system, sector, year and operation',
    description: [
      'The period is from..to inclusive, by effective date: activeAtStart counts units active on the day before from, activeAtEnd those active on to,',
      'netReduction = activeAtStart − activeAtEnd; per bucket activeAtStart + created − ended + joined − left + transferredIn − transferredOut = activeAtEnd',
      '(joined: entered by a province merger, not created; left: moved to another province’s register, not ended). territory= restricts it to the units serving one former province (its code, or OWN).',
      'knownAt restricts the report to what the register had recorded by then.',
      `format=csv answers text/csv (UTF-8 with a BOM, CRLF), one row per bucket, columns ${REDUCTION_CSV_COLUMNS.join(', ')}:`,
      'section TOTAL (key ALL), SYSTEM, SECTOR, YEAR (from/to clipped to the period) or OPERATION; cells a section has no value for are empty.',
      'With lang=vi|en the csv names headers, sections and buckets for people instead. format=xlsx answers an Excel workbook (Vietnamese unless lang=en):',
      'the totals, one sheet per breakdown (system, sector, year, operation), and on the system and sector sheets the balance identity as a formula with its check.',
    ].join(' '),
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({
    description: 'The report',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ReductionReportDto) } },
      'text/csv': { schema: { type: 'string', example: CSV_EXAMPLE } },
      [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblemResponses(400, 403, 404)
  async reduction(@Query() query: ReductionQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReductionReport | string | Buffer> {
    if (query.territory !== undefined && !(await this.queries.knowsTerritory(query.territory))) {
      throw new DomainRefusal('NOT_FOUND', [{ code: 'UNKNOWN_TERRITORY', detail: `no unit serves territory ${query.territory}: give a former province's code or OWN`, params: { territory: query.territory }, path: 'territory' }]);
    }
    const report = await this.queries.reduction({ from: query.from, to: query.to, knownAt: query.knownAt, ...(query.territory ? { territory: query.territory } : {}) });
    if (query.format === 'json') return report;
    void reply.header('content-disposition', `attachment; filename="reduction-${query.from}-${query.to}.${query.format}"`);
    if (query.format === 'xlsx') {
      void reply.header('content-type', XLSX_TYPE);
      return reductionReportWorkbook(report, query.lang ?? 'vi');
    }
    void reply.header('content-type', 'text/csv; charset=utf-8');
    return reductionReportCsv(report, query.lang);
  }
}
