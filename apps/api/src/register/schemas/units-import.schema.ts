import { z } from 'zod';
import { autonomyGroup, id, isoDate, level, sector, staffingQuota, system, text, unitCode } from './common.schema';

export const baselineUnitSchema = z
  .strictObject({
    code: unitCode,
    name: text(300),
    system: system.optional(),
    governingBodyId: id.optional(),
    governingBodyCode: text(50).optional(),
    level,
    sector,
    autonomyGroup,
    staffingQuota,
    basicEssentialService: z.boolean().optional(),
    establishedOn: isoDate.optional().describe('Active from this date; default the import’s asOf'),
  })
  .superRefine((unit, ctx) => {
    if ((unit.governingBodyId === undefined) === (unit.governingBodyCode === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['governingBodyId'], message: 'give exactly one of governingBodyId and governingBodyCode', params: { code: 'GOVERNING_BODY_REFERENCE', message: 'validation.GOVERNING_BODY_REFERENCE' } });
    }
  });

export const unitImportSchema = z
  .strictObject({
    asOf: isoDate.describe('The date on which this register is accurate: the units are active as of that date'),
    units: z.array(baselineUnitSchema).min(1).max(5000),
  })
  .meta({
    example: {
      asOf: '2017-12-31',
      units: [
        { code: 'GD-THPT-01', name: 'Trường THPT Nguyễn Huệ', governingBodyCode: 'SGDDT', level: 'PROVINCE', sector: 'EDUCATION', autonomyGroup: 'G3', staffingQuota: 85 },
      ],
    },
  });

/** The CSV header row: these columns, in any order; governingBodyId or governingBodyCode per row. */
export const CSV_COLUMNS = [
  'code',
  'name',
  'system',
  'governingBodyId',
  'governingBodyCode',
  'level',
  'sector',
  'autonomyGroup',
  'staffingQuota',
  'establishedOn',
  'basicEssentialService',
] as const;
export const REQUIRED_CSV_COLUMNS = ['code', 'name', 'level', 'sector', 'autonomyGroup', 'staffingQuota'] as const;

export const CSV_EXAMPLE =
  '\ufeffcode,name,governingBodyCode,level,sector,autonomyGroup,staffingQuota\r\nGD-THPT-01,Trường THPT Nguyễn Huệ,SGDDT,PROVINCE,EDUCATION,G3,85\r\n';
