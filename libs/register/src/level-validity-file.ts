import { readFileSync } from 'node:fs';
import { LEVELS, type LevelValidity } from '@reorg/domain';
import { z } from 'zod';

const isoDate = z.iso.date();
const levelsFileSchema = z.strictObject({
  version: z.number().int().min(1),
  levels: z.array(z.strictObject({ level: z.enum(LEVELS), validFrom: isoDate.optional(), validTo: isoDate.optional(), legalSource: z.string().min(1).optional() })),
});

/** When each administrative level exists (deploy/register/levels.vn.json): data a province corrects without a release. */
export function readLevelValidity(path: string): LevelValidity[] {
  const parsed = levelsFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.levels;
}
