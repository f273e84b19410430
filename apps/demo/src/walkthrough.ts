import { createApiClient, type ApiClient } from '@reorg/api-client';

/** One line per step: what was called and what came back. */
export type Print = (line: string) => void;

export interface WalkthroughResult {
  proposalId: string;
  status: string;
  newUnitId: string;
  sourceUnitIds: string[];
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The answer's body, or an error naming the step and the problem the API returned. */
function expectOk<T>(step: string, answer: Answer<T>): T {
  if (answer.data === undefined || !answer.response.ok) {
    throw new Error(`${step}: HTTP ${answer.response.status} ${JSON.stringify(answer.error ?? null)}`);
  }
  return answer.data;
}

/** Today in the province (Asia/Ho_Chi_Minh): a decision effective today executes at once. */
function provinceToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

/**
 * A proposal from draft to execution, as README's walkthrough tells it: sample data, a consolidation drafted
 * and submitted by an official, signed by each approver from their inbox, executed, and read back by an auditor.
 * Codes get a run suffix so that the walkthrough can run again on the same server.
 */
export async function runWalkthrough(baseUrl: string, print: Print, run = Date.now().toString(36).toUpperCase()): Promise<WalkthroughResult> {
  const anonymous = createApiClient({ baseUrl, language: 'en' });
  const tokenFor = async (sub: string, roles: string[], governingBodyIds: string[] = []): Promise<ApiClient> => {
    const issued = expectOk(`dev token for ${sub}`, await anonymous.POST('/api/v1/auth/dev-token', { body: { sub, roles: roles as never, governingBodyIds } }));
    print(`  token for ${sub} (${roles.join(', ')}${governingBodyIds.length ? `; bodies ${governingBodyIds.join(', ')}` : ''})`);
    return createApiClient({ baseUrl, token: issued.accessToken, language: 'en' });
  };

  print('1. An administrator registers the Department of Health and imports its units as of 2017-12-31');
  const admin = await tokenFor('demo.admin', ['admin']);
  const bodyCode = `SYT-${run}`;
  const body = expectOk('register body', await admin.POST('/api/v1/governing-bodies', { body: { code: bodyCode, name: 'Sở Y tế', system: 'GOVERNMENT', level: 'PROVINCE' } }));
  print(`  POST /api/v1/governing-bodies → 201 ${bodyCode} (${body.id})`);
  const unit = (code: string, name: string) => ({ code: `${code}-${run}`, name, governingBodyCode: bodyCode, level: 'PROVINCE' as const, sector: 'HEALTH', autonomyGroup: 'G3' as const, staffingQuota: 40 });
  const imported = expectOk(
    'import baseline',
    await admin.POST('/api/v1/units/import', { body: { asOf: '2017-12-31', units: [unit('TTYT-A', 'Trung tâm Y tế dự phòng tỉnh'), unit('TTYT-B', 'Trung tâm Phòng chống HIV/AIDS tỉnh')] } as never }),
  );
  const sourceUnitIds = imported.units.map((entry) => entry.unitId);
  print(`  POST /api/v1/units/import → 201 ${imported.units.map((entry) => entry.code).join(', ')}`);

  print('2. An official of the department drafts a consolidation of the two centres and submits it');
  const official = await tokenFor('demo.official', ['proposer'], [body.id]);
  const effectiveDate = provinceToday();
  const newUnitCode = `CDC-${run}`;
  const draft = expectOk(
    'draft proposal',
    await official.POST('/api/v1/proposals', {
      body: {
        title: 'Hợp nhất hai trung tâm thành Trung tâm Kiểm soát bệnh tật tỉnh',
        rationale: 'Theo Nghị quyết 19-NQ/TW và Nghị định 120/2020/NĐ-CP',
        governingBodyId: body.id,
        proposedEffectiveDate: effectiveDate,
        operations: [
          {
            type: 'CONSOLIDATE',
            sourceUnitIds,
            newUnit: { code: newUnitCode, name: 'Trung tâm Kiểm soát bệnh tật tỉnh', governingBodyId: body.id, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 80, publicEmployees: 60 },
          },
        ],
      } as never,
    }),
  );
  print(`  POST /api/v1/proposals → 201 ${draft.id} ${draft.status}, dossierVersion ${draft.dossierVersion}`);
  let proposal = expectOk('submit', await official.POST('/api/v1/proposals/{id}/submit', { params: { path: { id: draft.id } } }));
  print(`  POST /api/v1/proposals/${draft.id}/submit → 200 ${proposal.status}; chain: ${proposal.steps.map((step) => step.role).join(' → ')}`);

  print('3. Each approver finds it in their inbox and approves; the last one records the decision');
  for (const [index, step] of proposal.steps.entries()) {
    const approver = await tokenFor(`demo.approver.${index + 1}`, [step.role]);
    const inbox = expectOk('inbox', await approver.GET('/api/v1/approvals/inbox', {}));
    const item = inbox.items.find((entry) => entry.id === proposal.id);
    if (!item) throw new Error(`step ${step.name}: the proposal is not in the ${step.role} inbox`);
    const due = item.steps.find((entry) => entry.stepId === step.stepId)?.dueDate;
    print(`  GET /api/v1/approvals/inbox → ${item.title}: ${step.name}, due ${due ?? '–'}`);
    const last = index === proposal.steps.length - 1;
    proposal = expectOk(
      `decide ${step.name}`,
      await approver.POST('/api/v1/proposals/{id}/steps/{stepId}/decision', {
        params: { path: { id: proposal.id, stepId: step.stepId } },
        body: {
          outcome: 'APPROVE',
          comment: 'Đồng ý',
          dossierVersion: proposal.dossierVersion,
          ...(last ? { decision: { number: `${run}/QĐ-UBND`, date: effectiveDate, effectiveDate, signer: 'Chủ tịch UBND tỉnh' } } : {}),
        } as never,
      }),
    );
    print(`  POST /api/v1/proposals/${proposal.id}/steps/${step.stepId}/decision APPROVE → 200 ${proposal.status}`);
  }

  print('4. An auditor reads the result: the proposal executed, the new unit and its lineage');
  const auditor = await tokenFor('demo.auditor', ['auditor']);
  const seen = expectOk('read proposal', await auditor.GET('/api/v1/proposals/{id}', { params: { path: { id: proposal.id } } }));
  const created = seen.execution?.createdUnits?.find((entry) => entry.code === newUnitCode);
  if (!created) throw new Error(`the proposal did not create ${newUnitCode}: ${JSON.stringify(seen.execution ?? null)}`);
  print(`  GET /api/v1/proposals/${proposal.id} → ${seen.status}; created ${created.code} (${created.unitId})`);
  const lineage = expectOk('lineage', await auditor.GET('/api/v1/units/{id}/lineage', { params: { path: { id: created.unitId } } }));
  print(`  GET /api/v1/units/${created.unitId}/lineage → predecessors ${lineage.predecessors.map((entry) => entry.code).join(', ')}`);
  return { proposalId: proposal.id, status: seen.status, newUnitId: created.unitId, sourceUnitIds };
}
