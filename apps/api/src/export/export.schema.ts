import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { isoDate } from '../register/schemas/common.schema';

export const EXPORT_FORMATS = ['jsonld', 'popolo', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const orgExportQuerySchema = z.object({
  asOf: isoDate.optional().describe('Effective date: the register after every change effective on or before it; default today (Asia/Ho_Chi_Minh)'),
  format: z
    .enum(EXPORT_FORMATS)
    .default('jsonld')
    .describe('jsonld (default; W3C ORG + PROV, application/ld+json), popolo (Popolo organizations, application/json) or csv (one row per unit, UTF-8 with a BOM)'),
  lang: z.enum(['vi', 'en']).optional().describe('csv only: headers and coded cells named for people in Vietnamese or English; without it, camelCase headers and codes'),
});

export class OrgExportQueryDto extends createZodDto(orgExportQuerySchema) {}
