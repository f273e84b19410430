import { z } from 'zod';

export const CodeListItemSchema = z.object({ code: z.string(), name_vi: z.string(), name_en: z.string() });
