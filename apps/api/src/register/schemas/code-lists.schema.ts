import { z } from 'zod';

export const CodeListItemSchema = z.object({
  code: z.string(),
  name_vi: z.string(),
  name_en: z.string(),
  validFrom: z.iso.date().optional().describe('First day a new unit may take the code'),
  validUntil: z.iso.date().optional().describe('Last day a new unit may take the code; units keep it after'),
  replacedBy: z.array(z.string()).optional().describe('Codes that took over from a retired code'),
});
