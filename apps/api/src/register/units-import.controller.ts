import { Body, Controller, Inject, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiExtraModels, ApiOperation, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Roles } from '@reorg/auth';
import { DomainRefusal, type Violation } from '@reorg/domain';
import { ApiProblemResponses, ProblemException, violationItem } from '@reorg/http';
import { type CommandContext, ImportBaseline } from '@reorg/register';
import { Command } from '../idempotency';
import { UnitImportDto, UnitImportResultDto } from './schemas/dtos';
import { CSV_COLUMNS, CSV_EXAMPLE, unitImportSchema } from './schemas/units-import.schema';
import { readUnitsCsv } from './units-csv';
import { parseOrRefuse } from './validation';

/** Rows that cannot be read as a unit of the register: the request is malformed (400), not refused by a rule. */
const BAD_ROW_CODES = new Set(['UNKNOWN_GOVERNING_BODY', 'ESTABLISHED_AFTER_BASELINE']);

/** The domain counts rows from 0; the API from 1 (the first unit, i.e. the first CSV line under the header). */
function withApiRows(violations: Violation[]): Violation[] {
  return violations.map((v) => {
    const row = (v as Violation & { row?: number }).row;
    return typeof row === 'number' ? ({ ...v, row: row + 1 } as Violation) : v;
  });
}

@ApiTags('units')
@ApiExtraModels(UnitImportDto)
@Controller('api/v1/units')
export class UnitsImportController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Post('import')
  @Roles('admin')
  @ApiOperation({
    summary: 'Import the baseline register, all or nothing',
    description: [
      'JSON `{ asOf, units }`, or `text/csv` (UTF-8, a BOM is tolerated) with a header row and `?asOf=`.',
      `CSV columns, in any order: ${CSV_COLUMNS.join(', ')}; each row names governingBodyId or governingBodyCode.`,
      'A bad row → 400 VALIDATION_FAILED with `errors[].row` (1-based: the first unit, i.e. the CSV line under the header) and `path`;',
      'a used code → 409 DUPLICATE_CODE; a rule (BODY_SYSTEM_MISMATCH, GOVERNING_BODY_NOT_ACTIVE) → 422.',
    ].join(' '),
    requestBody: {
      required: true,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(UnitImportDto) } },
        'text/csv': { schema: { type: 'string', example: CSV_EXAMPLE } },
      },
    },
  })
  @ApiQuery({ name: 'asOf', required: false, description: 'Required for text/csv: the date on which the register is accurate' })
  @ApiCreatedResponse({ type: UnitImportResultDto })
  @ApiProblemResponses(400, 403, 409, 413, 422)
  async import(@Body() body: unknown, @Query('asOf') asOf: unknown, @Req() request: FastifyRequest, @Command() command: CommandContext) {
    const isCsv = typeof body === 'string' && /^text\/csv\b/i.test(request.headers['content-type'] ?? '');
    const csv = isCsv ? readUnitsCsv(body) : undefined;
    // A column missing from the header is reported once, not again for every row.
    const missing = new Set(csv?.problems.filter((p) => p.code === 'MISSING_COLUMN').map((p) => (p.path === 'governingBodyCode' ? 'governingBodyId' : p.path)));
    const reported = (path: readonly PropertyKey[]) => path[0] === 'units' && missing.has(String(path[2]));
    const input = parseOrRefuse(unitImportSchema, csv ? { asOf, units: csv.units } : body, request, csv?.problems, reported);
    try {
      const result = await this.commands.execute(new ImportBaseline(input.asOf, input.units, command));
      return { imported: result.imported, units: result.units };
    } catch (error) {
      if (!(error instanceof DomainRefusal)) throw error;
      const violations = withApiRows(error.violations);
      if (error.kind === 'RULE_VIOLATION' && violations.some((v) => BAD_ROW_CODES.has(v.code))) {
        throw new ProblemException({ code: 'VALIDATION_FAILED', errors: violations.map(violationItem) });
      }
      throw new DomainRefusal(error.kind, violations, error.message);
    }
  }
}
