/** Walks a proposal through the approval routes over HTTP, as its users would. */
export interface ProposalBody {
  id: string;
  status: string;
  dossierVersion: number;
  steps: { stepId: string; role: string; status: string; decidedBy?: string }[];
}

export async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

export class ApprovalFlow {
  constructor(private readonly url: string) {}

  async token(sub: string, roles: string[], governingBodyIds: string[] = []): Promise<string> {
    const response = await fetch(`${this.url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub, roles, governingBodyIds }) });
    return (await json<{ accessToken: string }>(response, 201)).accessToken;
  }

  call(accessToken: string, method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  /** A government body SYT with unit H1 (baseline as of 2017-12-31). */
  async seed(): Promise<{ bodyId: string; unitId: string }> {
    const admin = await this.token('admin-1', ['admin']);
    const bodyId = (await json<{ id: string }>(await this.call(admin, 'POST', '/api/v1/governing-bodies', { code: 'SYT', name: 'Sở Y tế', system: 'GOVERNMENT', level: 'PROVINCE' }), 201)).id;
    const imported = await json<{ units: { unitId: string }[] }>(
      await this.call(admin, 'POST', '/api/v1/units/import', {
        asOf: '2017-12-31',
        units: [{ code: 'H1', name: 'Bệnh viện Đa khoa tỉnh', governingBodyCode: 'SYT', level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 40 }],
      }),
      201,
    );
    return { bodyId, unitId: imported.units[0].unitId };
  }

  /** A rename of the unit (no Party step), created and submitted by proposer-1. */
  async submitRename(seed: { bodyId: string; unitId: string }, proposedEffectiveDate: string, newName = 'Bệnh viện Đa khoa trung tâm tỉnh'): Promise<ProposalBody> {
    const proposer = await this.token('proposer-1', ['proposer'], [seed.bodyId]);
    const created = await json<ProposalBody>(
      await this.call(proposer, 'POST', '/api/v1/proposals', {
        title: 'Đổi tên Bệnh viện Đa khoa tỉnh',
        rationale: 'Theo Nghị quyết 19-NQ/TW',
        governingBodyId: seed.bodyId,
        proposedEffectiveDate,
        operations: [{ type: 'RENAME', unitId: seed.unitId, newName }],
      }),
      201,
    );
    return json<ProposalBody>(await this.call(proposer, 'POST', `/api/v1/proposals/${created.id}/submit`), 200);
  }

  /** Every step approved by a leader of its role; the final one carries the decision. */
  async approveAll(submitted: ProposalBody, decision: { number: string; date: string; effectiveDate: string }): Promise<ProposalBody> {
    let proposal = submitted;
    for (const [index, step] of submitted.steps.entries()) {
      const last = index === submitted.steps.length - 1;
      const signer = await this.token(`leader-${index + 1}`, [step.role]);
      const body = { outcome: 'APPROVE', comment: 'Đồng ý', dossierVersion: proposal.dossierVersion, ...(last ? { decision: { ...decision, signer: 'Chủ tịch UBND tỉnh', issuer: 'Ủy ban nhân dân tỉnh Phú Yên' } } : {}) };
      proposal = await json<ProposalBody>(await this.call(signer, 'POST', `/api/v1/proposals/${submitted.id}/steps/${step.stepId}/decision`, body), 200);
    }
    return proposal;
  }
}
