import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { isoDate } from '../../register/schemas/common.schema';
import { unitViewSchema } from '../../units/units.schema';

export class PreviewQueryDto extends createZodDto(
  z.strictObject({ effectiveDate: isoDate.optional().describe('The date to apply the operations on; default the proposed effective date') }),
) {}

export class ProposalPreviewDto extends createZodDto(
  z.object({
    proposalId: z.guid(),
    dossierVersion: z.number().int().describe('The dossier version previewed'),
    effectiveDate: isoDate,
    ok: z.boolean().describe('false when the register’s rules would refuse the operations on that date (see violations)'),
    violations: z.array(z.object({ code: z.string(), detail: z.string(), path: z.string().optional(), operationIndex: z.number().int().optional() })),
    units: z
      .array(
        z.object({
          unitId: z.string().describe('A new unit’s id here is provisional: execution assigns its own'),
          code: z.string(),
          isNew: z.boolean(),
          before: unitViewSchema.optional().describe('On the effective date, before the operations; absent for a new unit'),
          after: unitViewSchema.optional().describe('On the effective date, after the operations'),
        }),
      )
      .describe('Every unit the operations name or change'),
  }),
) {}
