import { type ApprovalBed, absorbH2IntoH1, approvalClient, startApprovalBed } from './approval-bed';

/**
 * The role table of docs/http-contract.md#who-may-do-what for the approval routes, written out by hand: the status each role gets.
 * Allowed calls are made so that they succeed or fail for business reasons only (never 401/403).
 */
const TABLE: { route: string; expected: Record<string, number> }[] = [
  { route: 'POST /proposals/{id}/submit', expected: { admin: 403, proposer: 200, doha_appraiser: 403, party_standing_board: 403, ppc_leader: 403, auditor: 403 } },
  { route: 'POST /proposals/{id}/steps/{stepId}/decision', expected: { admin: 403, proposer: 403, doha_appraiser: 200, party_standing_board: 403, ppc_leader: 403, auditor: 403 } },
  { route: 'GET /approvals/inbox', expected: { admin: 403, proposer: 403, doha_appraiser: 200, party_standing_board: 200, ppc_leader: 200, auditor: 403 } },
  { route: 'GET /proposals/{id}/history', expected: { admin: 200, proposer: 403, doha_appraiser: 403, party_standing_board: 403, ppc_leader: 403, auditor: 200 } },
];
const ROLES = ['admin', 'proposer', 'doha_appraiser', 'party_standing_board', 'ppc_leader', 'auditor'];

describe('role × route for the approval routes (docs/http-contract.md#who-may-do-what)', () => {
  let bed: ApprovalBed;

  beforeAll(async () => {
    bed = await startApprovalBed();
  });

  afterAll(async () => {
    await bed.close();
  });

  it.each(TABLE)('$route', async ({ route, expected }) => {
    const client = approvalClient(bed);
    const owner = await bed.token('nguyen.van.a', ['proposer'], [bed.bodies.health]);
    const actual: Record<string, number> = {};
    for (const role of ROLES) {
      // A fresh proposal per role, so that one role's success does not change the next one's answer.
      const draft = await client.draft(owner, absorbH2IntoH1(bed, { proposedEffectiveDate: `2025-0${1 + ROLES.indexOf(role)}-15` }));
      const proposal = route.includes('decision') ? await client.submit(owner, draft.id) : draft;
      const token = await bed.token(role === 'proposer' ? 'nguyen.van.a' : `user.${role}`, [role], [bed.bodies.health]);
      const path = {
        'POST /proposals/{id}/submit': `/api/v1/proposals/${proposal.id}/submit`,
        'POST /proposals/{id}/steps/{stepId}/decision': `/api/v1/proposals/${proposal.id}/steps/${proposal.steps[0]?.stepId ?? 'none'}/decision`,
        'GET /approvals/inbox': '/api/v1/approvals/inbox',
        'GET /proposals/{id}/history': `/api/v1/proposals/${proposal.id}/history`,
      }[route] as string;
      const [method] = route.split(' ');
      const body = route.includes('decision') ? { outcome: 'APPROVE', dossierVersion: 1 } : undefined;
      actual[role] = (await bed.call(token, method, path, body)).status;
    }
    expect(actual).toEqual(expected);
    const anonymous = await fetch(`${await bed.app.getUrl()}/api/v1/approvals/inbox`);
    expect(anonymous.status).toBe(401);
  });
});
