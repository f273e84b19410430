import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { PROVINCES_2025, formerProvincesOf } from '@reorg/domain';
import { autonomyGroup, id, isoDate, level, listPage, sector, system } from '../register/schemas/common.schema';

const asOf = isoDate.optional().describe('Effective date: after every change effective on or before it; default today (Asia/Ho_Chi_Minh)');
const knownAt = z.iso
  .datetime({ offset: true, error: 'validation.format.datetime' })
  .transform((instant) => new Date(instant).toISOString())
  .optional()
  .describe('Instant, ISO-8601 with time (a date alone is refused): the register as it stood then, inclusive; default now');

export const unitListQuerySchema = z.object({
  asOf,
  knownAt,
  status: z.enum(['ACTIVE', 'MERGED', 'DISSOLVED', 'ALL']).default('ACTIVE').describe('ALL adds units ended on or before asOf; never units not yet established'),
  system: system.optional(),
  sector: sector.optional(),
  governingBodyId: id.optional(),
  q: z.string().trim().max(200).optional().describe('Code or name contains this, ignoring case and diacritics (truong finds Trường)'),
  ...listPage,
});

export const unitQuerySchema = z.object({ asOf, knownAt });

const province = z
  .string()
  .max(50)
  .refine((code) => formerProvincesOf(code) !== undefined, { message: 'not one of the 34 provinces of 2025', params: { code: 'UNKNOWN_PROVINCE', message: 'validation.UNKNOWN_PROVINCE', known: Object.keys(PROVINCES_2025).join(', ') } })
  .optional()
  .describe(
    'One of the 34 provinces of Resolution 202/2025/QH15 (e.g. HO_CHI_MINH): only the units and bodies of its former provinces (their territory, or the province whose register ' +
      'governs them before it joins), and this register\'s own units when it is REGISTER_PROVINCE; on any date, before the merger included',
  );

export const structureQuerySchema = z.object({ asOf, knownAt, province });

export const diffQuerySchema = z
  .object({ from: isoDate, to: isoDate, knownAt })
  .refine((query) => query.from <= query.to, { path: ['to'], message: 'to must not be before from', params: { message: 'validation.RANGE_ORDER' } });

export const unitViewSchema = z.object({
  unitId: id,
  code: z.string(),
  name: z.string(),
  system,
  governingBodyId: id,
  level,
  sector,
  autonomyGroup,
  staffingQuota: z.number().int(),
  basicEssentialService: z.boolean().optional(),
  status: z.enum(['ACTIVE', 'MERGED', 'DISSOLVED']),
  establishedOn: isoDate,
  endedOn: isoDate.optional().describe('First day no longer active'),
  validFrom: isoDate.describe('Effective date of the latest change on or before asOf'),
  version: z.number().int().describe('Changes folded into this state'),
});

const lineageEntrySchema = z.object({ unitId: id, code: z.string(), name: z.string(), changeType: z.string(), effectiveDate: isoDate });

export class UnitListQueryDto extends createZodDto(unitListQuerySchema) {}
export class UnitQueryDto extends createZodDto(unitQuerySchema) {}
export class StructureQueryDto extends createZodDto(structureQuerySchema) {}
export class DiffQueryDto extends createZodDto(diffQuerySchema) {}
export class UnitDto extends createZodDto(unitViewSchema) {}
export class UnitListDto extends createZodDto(z.object({ items: z.array(unitViewSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })) {}
export class LineageDto extends createZodDto(z.object({ predecessors: z.array(lineageEntrySchema), successors: z.array(lineageEntrySchema) })) {}
export class StructureDto extends createZodDto(
  z.object({
    asOf: isoDate,
    knownAt: z.string(),
    totals: z.object({ active: z.number().int(), bySystem: z.record(z.string(), z.number().int()), bySector: z.record(z.string(), z.number().int()) }),
    bodies: z.array(z.object({ id, code: z.string(), name: z.string(), system, units: z.array(unitViewSchema) })),
  }),
) {}
export class StructureDiffDto extends createZodDto(
  z.object({
    from: isoDate,
    to: isoDate,
    established: z.array(unitViewSchema),
    ended: z.array(unitViewSchema),
    changed: z.array(z.object({ unitId: id, before: unitViewSchema, after: unitViewSchema })),
  }),
) {}
