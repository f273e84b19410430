import { randomUUID } from 'node:crypto';
import type { Operation } from '@reorg/domain';
import type { EventStore } from '@reorg/event-store';
import { GoverningBodyService, Streams, readWholeStream, toNewEvents } from '@reorg/register';
import type { DecisionOfProposal as ApprovedDecision } from '@reorg/domain/approval';

export const ADMIN = { actor: 'admin-1', roles: ['admin'] };

export async function registerHealthDepartment(store: EventStore): Promise<string> {
  const { bodyId } = await new GoverningBodyService(store).register({ code: `SYT-${randomUUID().slice(0, 8)}`, name: 'Sở Y tế', system: 'GOVERNMENT', level: 'PROVINCE' }, ADMIN);
  return bodyId;
}

export function establish(bodyId: string, code: string, staffingQuota = 40): Operation {
  return { type: 'ESTABLISH', unit: { code, name: 'Trung tâm Kiểm soát bệnh tật tỉnh', governingBodyId: bodyId, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota, publicEmployees: staffingQuota } };
}

export function decisionFor(effectiveDate: string, number = `${Math.floor(Math.random() * 1e6)}/QĐ-UBND`): ApprovedDecision {
  return { number, date: '2025-06-20', effectiveDate, signer: 'Chủ tịch UBND tỉnh', issuer: 'Ủy ban nhân dân tỉnh Phú Yên' };
}

/**
 * The events docs/approval-contract.md prescribes for a proposal drafted, submitted with a
 * two-step chain, approved at both steps and finally decided: appended straight to the store.
 */
export async function appendApprovedProposal(store: EventStore, input: { bodyId: string; operations: Operation[]; decision: ApprovedDecision; firstDueDate?: string }): Promise<string> {
  const proposalId = randomUUID();
  const at = '2025-06-01T02:00:00.000Z';
  const dossier = { dossierVersion: 1, dossierHash: 'a'.repeat(64) };
  const steps = [
    { stepId: randomUUID(), name: 'Thẩm định của Sở Nội vụ', role: 'doha_appraiser', deadlineWorkingDays: 10, dueDate: input.firstDueDate ?? '2025-06-13' },
    { stepId: randomUUID(), name: 'Quyết định của UBND tỉnh', role: 'ppc_leader', deadlineWorkingDays: 5 },
  ];
  const events = [
    {
      type: 'ProposalDrafted',
      data: { proposalId, proposedBy: 'proposer-1', draftedAt: at, title: 'Thành lập CDC', rationale: 'Nghị định 120', governingBodyId: input.bodyId, proposedEffectiveDate: input.decision.effectiveDate, operations: input.operations, ...dossier },
    },
    { type: 'ProposalSubmitted', data: { proposalId, round: 1, submittedBy: 'proposer-1', submittedAt: at, ...dossier, policy: { id: 'default', version: 1 }, steps } },
    {
      type: 'StepApproved',
      data: { proposalId, round: 1, stepId: steps[0].stepId, decidedBy: 'doha-1', role: 'doha_appraiser', decidedAt: at, ...dossier, nextStepId: steps[1].stepId, nextStepDueDate: '2025-06-20' },
    },
    { type: 'StepApproved', data: { proposalId, round: 1, stepId: steps[1].stepId, decidedBy: 'ppc-1', role: 'ppc_leader', decidedAt: at, ...dossier } },
    { type: 'ProposalApproved', data: { proposalId, round: 1, approvedBy: 'ppc-1', approvedAt: at, ...dossier, decision: input.decision } },
  ];
  await store.appendToStream(Streams.proposal(proposalId), 'no_stream', toNewEvents(events, { actor: 'test' }));
  return proposalId;
}

/** A proposal submitted and still waiting at its first step, due on `dueDate`. */
export async function appendPendingProposal(store: EventStore, input: { bodyId: string; operations: Operation[]; dueDate: string }): Promise<{ proposalId: string; stepId: string }> {
  const proposalId = randomUUID();
  const stepId = randomUUID();
  const at = '2025-06-01T02:00:00.000Z';
  const dossier = { dossierVersion: 1, dossierHash: 'b'.repeat(64) };
  const events = [
    { type: 'ProposalDrafted', data: { proposalId, proposedBy: 'proposer-1', draftedAt: at, title: 'Đổi tên', rationale: '-', governingBodyId: input.bodyId, proposedEffectiveDate: '2025-07-01', operations: input.operations, ...dossier } },
    {
      type: 'ProposalSubmitted',
      data: { proposalId, round: 1, submittedBy: 'proposer-1', submittedAt: at, ...dossier, policy: { id: 'default', version: 1 }, steps: [{ stepId, name: 'Thẩm định', role: 'doha_appraiser', deadlineWorkingDays: 10, dueDate: input.dueDate }] },
    },
  ];
  await store.appendToStream(Streams.proposal(proposalId), 'no_stream', toNewEvents(events, { actor: 'test' }));
  return { proposalId, stepId };
}

export async function proposalEventTypes(store: EventStore, proposalId: string): Promise<string[]> {
  return (await readWholeStream(store, Streams.proposal(proposalId))).map((event) => event.type);
}
