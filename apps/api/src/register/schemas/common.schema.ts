import { z } from 'zod';
import { AUTONOMY_GROUP_CODES, LEVELS, SECTOR_CODES, SYSTEMS } from '@reorg/domain';

/** Text is stored NFC-normalised (a Vietnamese letter typed as base + combining marks equals its precomposed form). */
export const text = (max: number) => z.string().normalize('NFC').trim().min(1).max(max);
export const unitCode = text(50).describe('Unit code: unique forever, compared case-insensitively');
/** Refusals name their catalogue message (the field, the form YYYY-MM-DD and an example). */
export const isoDate = z.iso.date({ error: 'validation.format.date' }).describe('Calendar date YYYY-MM-DD');
export const id = z.guid({ error: 'validation.format.uuid' });
export const system = z.enum(SYSTEMS);
export const level = z.enum(LEVELS);
export const sector = z.enum(SECTOR_CODES);
export const autonomyGroup = z.enum(AUTONOMY_GROUP_CODES).describe('Decree 60/2021 group; G1 is the most autonomous');
export const staffingQuota = z.number().int().min(0).max(100_000).describe('Budget-paid staffing quota (số lượng người làm việc)');

export const decisionReference = z.strictObject({
  number: text(100).describe('Decision number, e.g. 123/QĐ-UBND'),
  date: isoDate.describe('Date the decision was signed'),
});

export const listPage = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .default(50)
    .transform((size) => Math.min(size, 500))
    .describe('Default 50; larger than 500 is clamped to 500'),
};
