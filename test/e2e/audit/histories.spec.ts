import { expectProblem } from '../support/problem';
import { DECISION, TODAY, absorbH2IntoH1, approvalClient, eventually } from '../approval/approval-bed';
import { type AuditEvent, type AuditHttpBed, sqliteAuditHttpBed } from './audit-http-bed';

interface HistoryItem {
  position: number;
  version: number;
  type: string;
  effectiveDate?: string;
  recordedAt: string;
  proposalId?: string;
  decision?: { number: string; date: string; issuer?: string };
  actor?: string;
  roles?: string[];
  hash: string;
  data: Record<string, unknown>;
}

describe('unit and proposal histories over HTTP (embedded SQLite): who, when, on which decision, with the chain hash', () => {
  let audit: AuditHttpBed;
  let auditor: string;
  let admin: string;
  let proposalId: string;
  let events: Map<number, AuditEvent>;

  beforeAll(async () => {
    audit = await sqliteAuditHttpBed();
    const { bed } = audit;
    auditor = await bed.token('kiem.toan', ['auditor']);
    admin = await bed.token('admin', ['admin']);
    const proposer = await bed.token('nguyen.van.a', ['proposer'], [bed.bodies.health]);
    const client = approvalClient(bed);
    const submitted = await client.submit(proposer, (await client.draft(proposer, absorbH2IntoH1(bed))).id);
    const appraised = await client.decide(await bed.token('le.van.tham.dinh', ['doha_appraiser']), submitted);
    const opined = await client.decide(await bed.token('pham.thuong.vu', ['party_standing_board']), appraised);
    await client.decide(await bed.token('hoang.chu.tich', ['ppc_leader']), opined, { decision: DECISION });
    const executed = await eventually(bed, proposer, submitted.id, (p) => p.status === 'EXECUTED');
    expect(executed.status).toBe('EXECUTED');
    proposalId = submitted.id;
    events = new Map((await audit.allEvents(auditor)).map((e) => [e.position, e]));
  });

  afterAll(() => audit?.close());

  const history = (token: string, path: string) => audit.get<{ items: HistoryItem[] }>(token, path);

  it('a unit’s history: baseline registration, then the absorption with its decision, proposal, effective date, actor, roles and hash', async () => {
    const { items, unitId } = await audit.get<{ unitId: string; items: HistoryItem[] }>(auditor, `/api/v1/units/${audit.bed.units.h1}/history`);
    expect(unitId).toBe(audit.bed.units.h1);
    expect(items.map((i) => [i.version, i.type])).toEqual([[1, 'UnitRegistered'], [2, 'UnitAbsorbedUnits']]);
    const [registered, absorbed] = items;
    expect(registered).toMatchObject({ effectiveDate: '2017-12-31', actor: 'admin', roles: ['admin'] });
    expect(registered.decision).toBeUndefined();
    expect(absorbed).toMatchObject({ effectiveDate: TODAY, proposalId, decision: { number: DECISION.number, date: DECISION.date, issuer: 'UBND tỉnh' }, data: { sourceIds: [audit.bed.units.h2] } });
    // The executor applies the approved decision; the approvers' sign-offs are in the proposal's history.
    expect(absorbed).toMatchObject({ actor: 'system:approval-executor', roles: [] });
    for (const item of items) {
      const stored = events.get(item.position) as AuditEvent;
      expect({ streamId: stored.streamId, version: stored.version, hash: stored.hash, recordedAt: stored.metadata.recordedAt }).toEqual({
        streamId: `unit-${audit.bed.units.h1}`,
        version: item.version,
        hash: item.hash,
        recordedAt: item.recordedAt,
      });
    }
  });

  it('the absorbed unit’s history ends with its merger on the same decision', async () => {
    const { items } = await history(admin, `/api/v1/units/${audit.bed.units.h2}/history`);
    expect(items.at(-1)).toMatchObject({ type: 'UnitMerged', proposalId, decision: { number: DECISION.number }, effectiveDate: TODAY });
  });

  it('a proposal’s history carries hash, roles and recordedAt on every event, and the decision on the final approval', async () => {
    const { items } = await history(auditor, `/api/v1/proposals/${proposalId}/history`);
    expect(items.map((i) => i.type)).toEqual(expect.arrayContaining(['ProposalDrafted', 'ProposalSubmitted', 'StepApproved', 'ProposalApproved', 'ProposalExecuted']));
    for (const item of items) {
      const stored = events.get(item.position) as AuditEvent;
      expect(item).toMatchObject({ hash: stored.hash, recordedAt: stored.metadata.recordedAt, roles: expect.any(Array) });
      expect(stored.streamId).toBe(`proposal-${proposalId}`);
    }
    expect(items.find((i) => i.type === 'ProposalDrafted')).toMatchObject({ actor: 'nguyen.van.a', roles: ['proposer'] });
    expect(items.find((i) => i.type === 'ProposalApproved')).toMatchObject({ actor: 'hoang.chu.tich', roles: ['ppc_leader'], effectiveDate: TODAY, decision: { number: DECISION.number, date: DECISION.date } });
  });

  it('an unknown unit is 404, an id that is not a UUID too', async () => {
    await expectProblem(await audit.bed.call(auditor, 'GET', '/api/v1/units/00000000-0000-4000-8000-000000000000/history'), 404, 'NOT_FOUND');
    await expectProblem(await audit.bed.call(auditor, 'GET', '/api/v1/units/not-a-unit/history'), 404, 'NOT_FOUND');
  });
});
