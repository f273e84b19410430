import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { isoDate } from '../register/schemas/common.schema';

export const reductionQuerySchema = z
  .object({
    from: isoDate.describe('First day of the period (inclusive, effective date)'),
    to: isoDate.describe('Last day of the period (inclusive, effective date)'),
    knownAt: z.iso
      .datetime({ offset: true, error: 'validation.format.datetime' })
      .transform((instant) => new Date(instant).toISOString())
      .optional()
      .describe('Instant, ISO-8601 with time (a date alone is refused): only what was recorded by then, inclusive; default now'),
    territory: z
      .string()
      .min(1)
      .max(50)
      .optional()
      .describe("A former province's territory: its code (e.g. BAC_KAN) or OWN for this register's own; default: this register as it stood on each date (units of a joining province count from the merger, as joined)"),
    format: z.enum(['json', 'csv', 'xlsx']).default('json').describe('json (default), csv (UTF-8 with a BOM, one row per bucket) or xlsx (an Excel workbook, one sheet per breakdown)'),
    lang: z
      .enum(['vi', 'en'])
      .optional()
      .describe('Labels of csv and xlsx for people: headers, sections and buckets named in Vietnamese or English. Without it, csv keeps its machine-readable layout (camelCase headers, codes) and xlsx is in Vietnamese'),
  })
  .refine((query) => query.from <= query.to, { path: ['to'], message: 'to must not be before from', params: { message: 'validation.RANGE_ORDER' } });

const count = z.number().int();
const bucket = z.object({
  activeAtStart: count,
  activeAtEnd: count,
  netReduction: count,
  created: count,
  ended: count,
  transferredIn: count,
  transferredOut: count,
  joined: count.describe('Entered without being created (a province merger)'),
  left: count.describe("Left without ending (moved to another province's register)"),
});

const EXAMPLE_BUCKET = { activeAtStart: 564, activeAtEnd: 448, netReduction: 116, created: 150, ended: 263, transferredIn: 0, transferredOut: 3, joined: 0, left: 0 };

export const reductionReportSchema = z
  .object({
    from: isoDate,
    to: isoDate,
    activeAtStart: count.describe('Units active on the day before from'),
    activeAtEnd: count.describe('Units active on to'),
    netReduction: count.describe('activeAtStart − activeAtEnd'),
    created: count.describe('Units established (establish, consolidate, divide, separate) with effect in the period; baseline registrations never count'),
    ended: count.describe('Units ended (merged or dissolved) with effect in the period'),
    joined: count.describe('Units that entered the register without being created (a province merger)'),
    left: count.describe("Units that left without ending (to another province's register)"),
    staffingQuotaAtStart: count.describe('Budget-paid staffing quota of the units active on the day before from'),
    staffingQuotaAtEnd: count.describe('Budget-paid staffing quota of the units active on to'),
    bySystem: z.record(z.string(), bucket).describe('Both systems, always; transfers count TRANSFERs that change a unit’s system'),
    bySector: z.record(z.string(), bucket).describe('Every sector present in the register'),
    byYear: z.array(z.object({ year: count, created: count, ended: count, joined: count, left: count, netReduction: count.describe('ended − created + left − joined') })).describe('One entry per calendar year in the period, zeros included'),
    byOperation: z.record(z.string(), z.object({ decisions: count, unitsCreated: count, unitsEnded: count })).describe('Every operation type that occurs in the period'),
  })
  .meta({
    example: {
      from: '2018-01-01',
      to: '2023-12-31',
      activeAtStart: 596,
      activeAtEnd: 478,
      netReduction: 118,
      created: 152,
      ended: 270,
      joined: 0,
      left: 0,
      staffingQuotaAtStart: 16668,
      staffingQuotaAtEnd: 16948,
      bySystem: { GOVERNMENT: EXAMPLE_BUCKET, PARTY_MASS: { activeAtStart: 32, activeAtEnd: 30, netReduction: 2, created: 2, ended: 7, transferredIn: 3, transferredOut: 0, joined: 0, left: 0 } },
      bySector: { EDUCATION: { activeAtStart: 310, activeAtEnd: 241, netReduction: 69, created: 60, ended: 129, transferredIn: 0, transferredOut: 0, joined: 0, left: 0 } },
      byYear: [{ year: 2018, created: 20, ended: 45, joined: 0, left: 0, netReduction: 25 }],
      byOperation: { CONSOLIDATE: { decisions: 62, unitsCreated: 62, unitsEnded: 160 }, SEPARATE: { decisions: 5, unitsCreated: 5, unitsEnded: 0 } },
    },
  });

export class ReductionQueryDto extends createZodDto(reductionQuerySchema) {}
export class ReductionReportDto extends createZodDto(reductionReportSchema) {}
