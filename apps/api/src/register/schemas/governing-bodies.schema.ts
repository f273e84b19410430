import { z } from 'zod';
import { decisionReference, id, isoDate, level, listPage, system, text } from './common.schema';

export const newGoverningBodySchema = z
  .strictObject({
    code: text(50),
    name: text(300),
    system,
    level,
    parentId: id.optional(),
    province: text(50).optional().describe("Another province's register the body belongs to until that province joins (e.g. BAC_KAN); absent: this register's"),
  })
  .meta({ example: { code: 'SYT', name: 'Sở Y tế', system: 'GOVERNMENT', level: 'PROVINCE' } });

export const renameBodySchema = z
  .strictObject({ name: text(300), effectiveDate: isoDate, decision: decisionReference })
  .meta({ example: { name: 'Sở Giáo dục và Đào tạo', effectiveDate: '2021-01-01', decision: { number: '45/QĐ-UBND', date: '2020-12-20' } } });

const unitDestinationSchema = z.strictObject({ unitId: id, toBodyId: id });

export const abolishBodySchema = z
  .strictObject({
    effectiveDate: isoDate,
    decision: decisionReference.extend({ issuer: text(200).optional(), signer: text(200).optional() }),
    transferUnitsTo: id.describe('The default destination: where the units go that unitDestinations does not name'),
    unitDestinations: z
      .array(unitDestinationSchema)
      .min(1)
      .max(10_000)
      .optional()
      .describe("A destination per unit: the body's units may go to several bodies (e.g. a district's units to communes and departments)"),
  })
  .meta({
    example: {
      effectiveDate: '2025-07-01',
      decision: { number: '1234/QĐ-UBND', date: '2025-06-16' },
      transferUnitsTo: '6f1c2c3e-8f7e-4a51-9a43-0d2f1c6b7a10',
      unitDestinations: [{ unitId: '0b0e8a52-5d0c-4b8e-9d53-1c1f7e0a2b11', toBodyId: '9a3c1d7e-2b4f-4e6a-8c0d-5f1e2a3b4c5d' }],
    },
  });

export const abolitionResultSchema = z.object({ id, abolishedOn: isoDate, transferUnitsTo: id, unitDestinations: z.array(unitDestinationSchema).optional(), transferredUnitIds: z.array(id) });

export const bodyListQuerySchema = z.object({
  asOf: isoDate.optional().describe('Effective date; default today (Asia/Ho_Chi_Minh)'),
  status: z.enum(['ACTIVE', 'ALL']).default('ACTIVE').describe('ALL adds bodies abolished on or before asOf'),
  ...listPage,
});

export const bodyQuerySchema = z.object({ asOf: isoDate.optional().describe('Effective date; default today (Asia/Ho_Chi_Minh)') });

export const governingBodyViewSchema = z.object({
  id,
  code: z.string(),
  name: z.string(),
  system,
  level,
  parentId: id.optional(),
  status: z.enum(['ACTIVE', 'ABOLISHED']),
  abolishedOn: isoDate.optional(),
  province: z.string().optional().describe("Another province's register the body belongs to (until that province joins); absent: this register's"),
  territory: z.string().optional().describe('The former province whose territory the body serves (after a merger); absent: this register’s own'),
  validFrom: z.string().describe('Start of the period this describes (0000-01-01: as registered)'),
});

export const bodyLineageEntrySchema = z.object({ bodyId: id, code: z.string(), name: z.string(), changeType: z.enum(['MERGE_BODIES', 'SPLIT_BODY', 'ABOLISH_BODY']), effectiveDate: isoDate, decision: decisionReference });
export const bodyLineageSchema = z.object({ predecessors: z.array(bodyLineageEntrySchema), successors: z.array(bodyLineageEntrySchema) });

export const provinceMergerSchema = z
  .strictObject({
    effectiveDate: isoDate.describe('The day the province becomes part of this register'),
    decision: decisionReference.extend({ issuer: text(200), signer: text(200).optional() }),
  })
  .meta({ example: { effectiveDate: '2025-07-01', decision: { number: '202/2025/QH15', date: '2025-06-12', issuer: 'Quốc hội' } } });

export const provinceMergerResultSchema = z.object({ province: z.string(), joinedOn: isoDate, joinedBodyIds: z.array(id), joinedUnitIds: z.array(id) });
