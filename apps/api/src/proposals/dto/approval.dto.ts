import { STEP_OUTCOMES } from '@reorg/domain/approval';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { isoDate, listPage, text } from '../../register/schemas/common.schema';
import { proposalSchema } from './proposal.dto';

const decisionSchema = z.strictObject({
  number: text(100).describe('Decision number, e.g. 123/QĐ-UBND'),
  date: isoDate.describe('Date the decision was signed'),
  effectiveDate: isoDate.describe('Date the operations take effect: executed at once when today or past (Asia/Ho_Chi_Minh), otherwise on that date'),
  signer: text(200).describe('Who signed, e.g. the Chairman or a Vice-Chairman of the PPC'),
  issuer: text(200).optional().describe('Issuing body; default: the chain’s issuer in the approval policy (e.g. UBND tỉnh)'),
});

export const stepDecisionSchema = z
  .strictObject({
    outcome: z.enum(STEP_OUTCOMES),
    comment: z.string().normalize('NFC').trim().max(4_000).optional().describe('Required (non-empty) to RETURN or REJECT'),
    dossierVersion: z.number().int().min(1).describe('The dossier version signed; must be the current one (else 409 STALE_DOSSIER)'),
    decision: decisionSchema.optional().describe('Required when approving the final step, refused otherwise'),
  })
  .superRefine((body, ctx) => {
    if (body.outcome !== 'APPROVE' && !body.comment) {
      const outcome = body.outcome === 'RETURN' ? 'return' : 'reject';
      ctx.addIssue({ code: 'custom', path: ['comment'], message: `a comment is required to ${outcome} a proposal`, params: { code: 'COMMENT_REQUIRED', message: `validation.COMMENT_REQUIRED.${outcome}` } });
    }
  })
  .meta({
    example: { outcome: 'APPROVE', comment: 'Đồng ý phương án sắp xếp', dossierVersion: 2, decision: { number: '123/QĐ-UBND', date: '2025-06-20', effectiveDate: '2025-07-01', signer: 'Nguyễn Văn A' } },
  });

export class StepDecisionBodyDto extends createZodDto(stepDecisionSchema) {}

export class InboxQueryDto extends createZodDto(z.strictObject({ ...listPage })) {}

const pendingStepSchema = z.object({ stepId: z.string(), name: z.string(), role: z.string(), dueDate: z.string(), overdue: z.boolean() });

export class InboxPageDto extends createZodDto(
  z.object({
    items: z.array(proposalSchema.extend({ pendingStep: pendingStepSchema, overdue: z.boolean().describe('StepOverdue recorded, or the due date is before today') })),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
) {}

export class ProposalHistoryDto extends createZodDto(
  z.object({
    proposalId: z.guid(),
    items: z.array(
      z.object({
        position: z.number().int(),
        version: z.number().int(),
        type: z.string().describe('Past-tense event type, e.g. StepApproved'),
        recordedAt: z.string(),
        actor: z.string().optional().describe('The token’s sub that caused the event'),
        roles: z.array(z.string()).optional(),
        role: z.string().optional().describe('For a sign-off: the role the step required'),
        at: z.string().optional(),
        round: z.number().int().optional(),
        stepId: z.string().optional(),
        comment: z.string().optional(),
        dossierVersion: z.number().int().optional(),
        dossierHash: z.string().optional(),
        effectiveDate: z.string().optional().describe('The effective date the event names (e.g. the final decision’s)'),
        decision: z.object({ number: z.string(), date: z.string(), issuer: z.string().optional() }).optional().describe('The decision recorded by the final approval'),
        hash: z.string().describe('The event’s stream-chain hash (SHA-256, as in /audit/events)'),
        data: z.record(z.string(), z.unknown()),
      }),
    ),
  }),
) {}

