import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CodeListItemSchema } from './code-lists.schema';
import { bodyLineageSchema, provinceMergerResultSchema, provinceMergerSchema, bodyListQuerySchema, bodyQuerySchema, governingBodyViewSchema, newGoverningBodySchema, renameBodySchema, abolishBodySchema, abolitionResultSchema } from './governing-bodies.schema';
import { annulmentSchema, decisionImportSchema } from './operations.schema';
import { unitImportSchema } from './units-import.schema';

export class NewGoverningBodyDto extends createZodDto(newGoverningBodySchema) {}
export class RenameGoverningBodyDto extends createZodDto(renameBodySchema) {}
export class AbolishGoverningBodyDto extends createZodDto(abolishBodySchema) {}
export class AbolitionResultDto extends createZodDto(abolitionResultSchema) {}
export class GoverningBodyListQueryDto extends createZodDto(bodyListQuerySchema) {}
export class GoverningBodyQueryDto extends createZodDto(bodyQuerySchema) {}
export class GoverningBodyDto extends createZodDto(governingBodyViewSchema) {}
export class GoverningBodyListDto extends createZodDto(
  z.object({ items: z.array(governingBodyViewSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
) {}

export class DecisionImportDto extends createZodDto(decisionImportSchema) {}
export class AnnulmentDto extends createZodDto(annulmentSchema) {}
const createdUnit = z.object({ code: z.string(), unitId: z.string() });
export class DecisionImportResultDto extends createZodDto(
  z.object({
    recorded: z.number().int(),
    decisions: z.array(z.object({ number: z.string(), createdUnits: z.array(createdUnit), establishedBodies: z.array(z.object({ code: z.string(), bodyId: z.string() })).optional() })),
  }),
) {}
export class GoverningBodyLineageDto extends createZodDto(bodyLineageSchema) {}
export class ProvinceMergerDto extends createZodDto(provinceMergerSchema) {}
export class ProvinceMergerResultDto extends createZodDto(provinceMergerResultSchema) {}
export class AnnulmentResultDto extends createZodDto(
  z.object({ number: z.string(), issuer: z.string(), annulled: z.literal(true), unitsRestored: z.array(z.string()).describe('Units returned to their state before the decision') }),
) {}

export class UnitImportDto extends createZodDto(unitImportSchema) {}
export class UnitImportResultDto extends createZodDto(z.object({ imported: z.number().int(), units: z.array(createdUnit) })) {}

export class CodeListDto extends createZodDto(z.object({ items: z.array(CodeListItemSchema) })) {}
