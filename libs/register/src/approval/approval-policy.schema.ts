import { readFileSync } from 'node:fs';
import { APPROVER_ROLES, type ApprovalPolicy } from '@reorg/domain/approval';
import { LEVELS, OPERATION_TYPE_CODES, SYSTEMS, isIsoDate } from '@reorg/domain';
import { z } from 'zod';

const condition = z.strictObject({
  systems: z.array(z.enum(SYSTEMS)).min(1).optional(),
  levels: z.array(z.enum(LEVELS)).min(1).optional(),
  operationTypes: z.array(z.enum(OPERATION_TYPE_CODES)).min(1).optional(),
  exceptOperationTypes: z.array(z.enum(OPERATION_TYPE_CODES)).min(1).optional(),
  effectiveFrom: z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD').optional(),
  effectiveBefore: z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD').optional(),
});

const step = z.strictObject({
  name: z.string().trim().min(1),
  role: z.enum(APPROVER_ROLES),
  deadlineWorkingDays: z.number().int().min(1).max(365),
  when: condition.optional(),
});

const chain = z.strictObject({
  key: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
  when: condition,
  decisionIssuer: z.string().trim().min(1),
  steps: z.array(step).min(1),
});

/** The policy file: `{ id, version, description?, chains: [{ key, when, decisionIssuer, steps: [{ name, role, deadlineWorkingDays, when? }] }] }`. */
export const approvalPolicySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
    version: z.number().int().min(1),
    description: z.string().optional(),
    chains: z.array(chain).min(1),
  })
  .superRefine(
    (policy, ctx) => {
      // Runs even when other fields failed, so that one load lists every problem: values may be malformed here.
      const keys = Array.isArray(policy.chains) ? policy.chains.map((c) => (c as { key?: unknown } | undefined)?.key) : [];
      keys.forEach((key, index) => {
        if (typeof key === 'string' && keys.indexOf(key) !== index) ctx.addIssue({ code: 'custom', path: ['chains', index, 'key'], message: `duplicate chain key ${key}` });
      });
    },
    { when: () => true },
  );

const holidaysSchema = z.strictObject({
  country: z.string().optional(),
  description: z.string().optional(),
  /** Where the dates were read: announcements, or how a projected date was computed. */
  sources: z.array(z.strictObject({ covers: z.string().min(1), title: z.string().min(1), url: z.url().optional() })).optional(),
  holidays: z.array(z.strictObject({ date: z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD'), name: z.string().min(1) })),
});

/** A configuration file that is missing, not JSON or not valid: the message names the file and every problem. */
export class ApprovalConfigError extends Error {
  constructor(file: string, problems: string[]) {
    super([`Invalid approval configuration in ${file}:`, ...problems.map((p) => `  - ${p}`)].join('\n'));
    this.name = 'ApprovalConfigError';
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ApprovalConfigError(file, [`cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApprovalConfigError(file, [`not JSON: ${(error as Error).message}`]);
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ApprovalConfigError(
    file,
    parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`),
  );
}

export function parseApprovalPolicy(value: unknown, file = '(policy)'): ApprovalPolicy {
  const { id, version, chains } = parse(approvalPolicySchema, value, file);
  return { id, version, chains };
}

export function loadApprovalPolicy(file: string): ApprovalPolicy {
  return parseApprovalPolicy(readJson(file), file);
}

/** The public holidays: those of the file (if any) and the extra dates, sorted, each once. */
export function loadHolidays(options: { file?: string; dates?: readonly string[] }): string[] {
  const fromFile = options.file ? parse(holidaysSchema, readJson(options.file), options.file).holidays.map((h) => h.date) : [];
  return [...new Set([...fromFile, ...(options.dates ?? [])])].sort();
}
