import { PATIENCE_MS } from '@reorg/testing';
import { expectProblem } from '../support/problem';
import { type ApprovalBed, type Proposal, absorbH2IntoH1, approvalClient, json, renameH1, startApprovalBed } from './approval-bed';

type InboxItem = Proposal & { pendingStep: { stepId: string; name: string; role: string; dueDate: string; overdue: boolean }; overdue: boolean };
interface Inbox {
  items: InboxItem[];
  total: number;
  page: number;
  pageSize: number;
}

describe('the approvers’ inbox, before and after a restart past the deadlines (embedded SQLite)', () => {
  let bed: ApprovalBed;

  afterAll(async () => {
    await bed.close();
  });

  it('lists the proposals whose pending step the caller’s roles decide, oldest due first, and flags the overdue ones', async () => {
    bed = await startApprovalBed();
    const client = approvalClient(bed);
    const proposer = await bed.token('nguyen.van.a', ['proposer'], [bed.bodies.health]);
    const doha = await bed.token('le.van.tham.dinh', ['doha_appraiser']);
    const partyMember = await bed.token('pham.thuong.vu', ['party_standing_board']);
    const dohaAndPpc = await bed.token('hai.vai', ['doha_appraiser', 'ppc_leader']);

    // A: reorganisation, at DOHA (due 2024-03-15). B: rename, past DOHA, at PPC (due 2024-03-12). C: a draft.
    const a = await client.submit(proposer, (await client.draft(proposer, absorbH2IntoH1(bed))).id);
    const b = await client.decide(doha, await client.submit(proposer, (await client.draft(proposer, renameH1(bed, 'Bệnh viện tỉnh', '2024-08-01'))).id));
    await client.draft(proposer, renameH1(bed, 'Bệnh viện Z', '2024-09-01'));

    const inbox = async (token: string) => json<Inbox>(await bed.call(token, 'GET', '/api/v1/approvals/inbox'));
    const both = await inbox(dohaAndPpc);
    expect(both.items.map((i) => [i.id, i.pendingStep.role, i.pendingStep.dueDate, i.overdue])).toEqual([
      [b.id, 'ppc_leader', '2024-03-12', false],
      [a.id, 'doha_appraiser', '2024-03-15', false],
    ]);
    expect(both).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    expect(both.items[0]).toMatchObject({ status: 'IN_REVIEW', currentStepId: both.items[0].pendingStep.stepId });
    expect((await inbox(doha)).items.map((i) => i.id)).toEqual([a.id]);
    expect((await inbox(partyMember)).items).toEqual([]);
    expect((await json<Inbox>(await bed.call(dohaAndPpc, 'GET', '/api/v1/approvals/inbox?page=2&pageSize=1'))).items.map((i) => i.id)).toEqual([a.id]);

    for (const roles of [['proposer'], ['admin'], ['auditor']]) {
      await expectProblem(await bed.call(await bed.token('x', roles, [bed.bodies.health]), 'GET', '/api/v1/approvals/inbox'), 403, 'FORBIDDEN');
    }

    // Restart on the same files with the clock on Monday 18 March: both steps are now overdue.
    await bed.stop();
    bed = await startApprovalBed({ dir: bed.dir, fixedAt: '2024-03-18T03:00:00Z', seed: bed });
    const later = await bed.token('hai.vai', ['doha_appraiser', 'ppc_leader']);
    const auditor = await bed.token('kiem.toan', ['auditor']);
    const overdue = await json<Inbox>(await bed.call(later, 'GET', '/api/v1/approvals/inbox'));
    expect(overdue.items.map((i) => [i.id, i.overdue, i.pendingStep.overdue])).toEqual([
      [b.id, true, true],
      [a.id, true, true],
    ]);
    // The deadline watcher records one StepOverdue per step.
    const deadline = Date.now() + PATIENCE_MS;
    let types: string[] = [];
    while (Date.now() < deadline) {
      types = (await json<{ items: { type: string }[] }>(await bed.call(auditor, 'GET', `/api/v1/proposals/${a.id}/history`))).items.map((i) => i.type);
      if (types.includes('StepOverdue')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(types.filter((t) => t === 'StepOverdue')).toHaveLength(1);
  });
});
