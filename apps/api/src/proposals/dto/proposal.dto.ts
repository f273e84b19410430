import { PROPOSAL_STATUSES } from '@reorg/domain/proposals';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { id, isoDate, listPage, text } from '../../register/schemas/common.schema';
import { operationSchema } from '../../register/schemas/operations.schema';

export const proposalBodySchema = z
  .strictObject({
    title: text(500),
    rationale: text(20_000),
    governingBodyId: id.optional(),
    governingBodyCode: text(50).optional().describe('The governing body by its code, instead of governingBodyId'),
    proposedEffectiveDate: isoDate,
    operations: z.array(operationSchema).min(1).max(200),
  })
  .superRefine((proposal, ctx) => {
    if ((proposal.governingBodyId === undefined) === (proposal.governingBodyCode === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['governingBodyId'], message: 'give exactly one of governingBodyId and governingBodyCode', params: { code: 'GOVERNING_BODY_REFERENCE', message: 'validation.GOVERNING_BODY_REFERENCE' } });
    }
  })
  .meta({
  example: {
    title: 'Sáp nhập Trung tâm Y tế dự phòng vào Bệnh viện Đa khoa tỉnh',
    rationale: 'Tinh gọn bộ máy theo Nghị quyết 19-NQ/TW',
    governingBodyId: '6f1c2a52-3a0e-4c59-9a43-0d7f2f1b7a11',
    proposedEffectiveDate: '2025-07-01',
    operations: [{ type: 'ABSORB', targetUnitCode: 'YT-BV-01', sourceUnitCodes: ['YT-TT-03'] }],
  },
});

export class ProposalBodyDto extends createZodDto(proposalBodySchema) {}

export class WithdrawBodyDto extends createZodDto(z.strictObject({ reason: text(2_000) }).meta({ example: { reason: 'Chờ chủ trương mới của Tỉnh ủy' } })) {}

export class ProposalListQueryDto extends createZodDto(
  z.strictObject({
    status: z.enum(PROPOSAL_STATUSES).optional(),
    governingBodyId: id.optional(),
    ...listPage,
  }),
) {}

const attachmentSchema = z.object({
  attachmentId: z.guid(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string().describe('SHA-256 of the bytes, lower-case hex'),
});

export class AttachmentDto extends createZodDto(attachmentSchema) {}

const verdictSchema = z.object({ stepId: z.string(), by: z.string(), role: z.string(), at: z.string(), comment: z.string() });

const stepSchema = z.object({
  stepId: z.string(),
  name: z.string(),
  role: z.string(),
  status: z.enum(['WAITING', 'PENDING', 'APPROVED', 'RETURNED', 'REJECTED', 'CANCELLED']),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  comment: z.string().optional(),
  dueDate: z.string().optional(),
  dossierVersion: z.number().int().optional().describe('The dossier version the sign-off names'),
  dossierHash: z.string().optional(),
  overdue: z.boolean().optional(),
});

export const proposalSchema = z.object({
  id: z.guid(),
  title: z.string(),
  status: z.enum(PROPOSAL_STATUSES),
  dossierVersion: z.number().int().describe('Send as If-Match: "<dossierVersion>" to amend'),
  dossierHash: z.string().describe('SHA-256 over the canonical dossier (RFC 8785 JSON of content and attachment hashes)'),
  governingBodyId: z.guid({ error: 'validation.format.uuid' }),
  proposedBy: z.string(),
  rationale: z.string(),
  proposedEffectiveDate: z.string(),
  operations: z.array(operationSchema),
  round: z.number().int().describe('Submissions so far; steps belong to the last one (older chains are in earlierRounds and the history)'),
  steps: z.array(stepSchema).describe('The sign-off chain of the current round; empty until submitted'),
  earlierRounds: z
    .array(z.object({ round: z.number().int(), steps: z.array(stepSchema) }))
    .optional()
    .describe('The chains of earlier rounds (each ended by a RETURN, with its comment), oldest first; absent in round 1'),
  currentStepId: z.string().optional(),
  decision: z.object({ number: z.string(), date: z.string(), effectiveDate: z.string(), signer: z.string(), issuer: z.string() }).optional(),
  execution: z
    .object({
      status: z.enum(['SCHEDULED', 'EXECUTED', 'FAILED']),
      at: z.string().optional().describe('SCHEDULED: the effective date; EXECUTED / FAILED: when it ran'),
      errors: z.array(z.object({ code: z.string(), detail: z.string(), path: z.string().optional(), operationIndex: z.number().int().optional() })).optional(),
      createdUnits: z.array(z.object({ code: z.string(), unitId: z.string() })).optional(),
    })
    .optional(),
  returned: verdictSchema.optional(),
  rejected: verdictSchema.optional(),
  attachments: z.array(attachmentSchema.extend({ dossierVersion: z.number().int(), addedBy: z.string(), addedAt: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  withdrawal: z.object({ reason: z.string(), by: z.string(), at: z.string() }).optional(),
});

export class ProposalDto extends createZodDto(proposalSchema) {}

export class ProposalPageDto extends createZodDto(
  z.object({ items: z.array(proposalSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
) {}
