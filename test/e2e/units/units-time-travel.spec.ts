import type { RecordedEvent } from '@reorg/event-store';
import { expectProblem } from '../support/problem';
import { RegisterClient } from '../register/register-client';
import { type Body, decision, importUnits, registerBody, unitRow } from '../register/register-fixtures';

type Unit = Record<string, unknown> & { unitId: string; name: string; status: string; version: number };
type Recorded = { decisions: { number: string; createdUnits: { code: string; unitId: string }[] }[] };
const ISSUER = 'Ủy ban nhân dân tỉnh Phú Yên';

describe('units as of a date and as known at an instant (real HTTP)', () => {
  let client: RegisterClient;
  let body: Body;
  let ids: Map<string, string>;
  let schoolId: string;
  let mergedId: string;
  /** Instants bracketing the back-fill's and the annulment's recording. */
  let backFill: { before: string; at: string };
  let annulment: { before: string; at: string };

  const get = async (path: string) => {
    const response = await client.get(path);
    return { status: response.status, body: (await response.json()) as Unit };
  };
  const unitAt = (unitId: string, query: string) => get(`/api/v1/units/${unitId}?${query}`);

  /** Posts, then returns the recordedAt of what it wrote and the instant 1 ms before it. */
  async function recordedBracket(post: () => Promise<unknown>): Promise<{ before: string; at: string }> {
    const head = await client.eventCount();
    await post();
    const written: RecordedEvent[] = await client.store().readAll({ after: head });
    const at = written[0].metadata.recordedAt;
    return { before: new Date(Date.parse(at) - 1).toISOString(), at };
  }

  beforeAll(async () => {
    client = await RegisterClient.start();
    body = await registerBody(client, { code: 'TT-SGD', name: 'Sở Giáo dục' });
    ids = await importUnits(client, [
      unitRow(body, { code: 'TT-A', name: 'Trường Tiểu học Hòa An', sector: 'EDUCATION' }),
      unitRow(body, { code: 'TT-B', name: 'Trường THCS Đông Hòa', sector: 'EDUCATION' }),
      unitRow(body, { code: 'TT-C', name: 'Trung tâm Giáo dục thường xuyên', sector: 'EDUCATION', establishedOn: '2010-05-01' }),
    ]);
    const school = { code: 'TT-NEW', name: 'Trường Mầm non Hoa Sen', governingBodyId: body.id, level: 'PROVINCE', sector: 'EDUCATION', autonomyGroup: 'G3', staffingQuota: 20 };
    const consolidated = { code: 'TT-LC', name: 'Trường Liên cấp Hòa An', governingBodyId: body.id, level: 'PROVINCE', sector: 'EDUCATION', autonomyGroup: 'G3', staffingQuota: 70 };
    const recorded = await client.ok<Recorded>('/api/v1/decisions/import', {
      decisions: [
        decision('1/QĐ-UBND', '2019-01-01', [{ type: 'RENAME', unitCode: 'TT-A', newName: 'Trường Tiểu học Hòa An số 1' }]),
        decision('2/QĐ-UBND', '2019-03-01', [{ type: 'ESTABLISH', unit: school }]),
        decision('3/QĐ-UBND', '2021-01-01', [{ type: 'RENAME', unitCode: 'TT-A', newName: 'Trường Tiểu học Hòa An số 2' }]),
        decision('4/QĐ-UBND', '2022-09-01', [{ type: 'CONSOLIDATE', sourceUnitCodes: ['TT-A', 'TT-B'], newUnit: consolidated }]),
      ],
    });
    schoolId = recorded.decisions[1].createdUnits[0].unitId;
    mergedId = recorded.decisions[3].createdUnits[0].unitId;
    backFill = await recordedBracket(() =>
      client.ok('/api/v1/decisions/import', { decisions: [decision('5/QĐ-UBND', '2020-03-01', [{ type: 'CHANGE_STAFFING_QUOTA', unitCode: 'TT-A', staffingQuota: 35 }])] }),
    );
    await client.ok('/api/v1/decisions/import', { decisions: [decision('6/QĐ-UBND', '2020-05-01', [{ type: 'CHANGE_AUTONOMY', unitCode: 'TT-C', autonomyGroup: 'G2' }])] });
    annulment = await recordedBracket(() =>
      client.ok(`/api/v1/decisions/${encodeURIComponent('6/QĐ-UBND')}/annul`, { issuer: ISSUER, reason: 'Ghi nhận nhầm', annulledBy: { number: '99/QĐ-UBND', date: '2020-09-01' } }, 200),
    );
  });

  afterAll(() => client?.close());

  it('answers 404 before the unit existed and the unit on its establishment day', async () => {
    const before = await unitAt(schoolId, 'asOf=2019-02-28');
    expect(before.status).toBe(404);
    const onTheDay = await unitAt(schoolId, 'asOf=2019-03-01');
    expect(onTheDay).toEqual({
      status: 200,
      body: {
        unitId: schoolId, code: 'TT-NEW', name: 'Trường Mầm non Hoa Sen', system: 'GOVERNMENT', governingBodyId: body.id, level: 'PROVINCE',
        sector: 'EDUCATION', autonomyGroup: 'G3', staffingQuota: 20, status: 'ACTIVE', establishedOn: '2019-03-01', validFrom: '2019-03-01', version: 1,
      },
    });
    expect((await client.get('/api/v1/units/not-a-uuid')).status).toBe(404);
    expect((await client.get('/api/v1/units/7c9e6679-7425-40de-944b-e07fc1f90ae7?asOf=2030-01-01')).status).toBe(404);
  });

  it('shows the name in force between two renames, and each rename from its day', async () => {
    const unitA = ids.get('TT-A')!;
    expect((await unitAt(unitA, 'asOf=2018-12-31')).body).toMatchObject({ name: 'Trường Tiểu học Hòa An', validFrom: '2017-12-31', version: 1 });
    expect((await unitAt(unitA, 'asOf=2019-01-01')).body).toMatchObject({ name: 'Trường Tiểu học Hòa An số 1', validFrom: '2019-01-01' });
    expect((await unitAt(unitA, 'asOf=2020-12-31')).body).toMatchObject({ name: 'Trường Tiểu học Hòa An số 1', validFrom: '2020-03-01', staffingQuota: 35 });
    expect((await unitAt(unitA, 'asOf=2021-01-01')).body).toMatchObject({ name: 'Trường Tiểu học Hòa An số 2', status: 'ACTIVE' });
  });

  it('answers an ended unit with its status and end date, and names its successor in the lineage', async () => {
    const unitA = ids.get('TT-A')!;
    expect((await unitAt(unitA, 'asOf=2022-08-31')).body).toMatchObject({ status: 'ACTIVE' });
    const ended = await unitAt(unitA, 'asOf=2022-09-01');
    expect(ended).toMatchObject({ status: 200, body: { status: 'MERGED', endedOn: '2022-09-01', name: 'Trường Tiểu học Hòa An số 2' } });

    const lineage = await get(`/api/v1/units/${unitA}/lineage`);
    expect(lineage.body).toEqual({ predecessors: [], successors: [{ unitId: mergedId, code: 'TT-LC', name: 'Trường Liên cấp Hòa An', changeType: 'CONSOLIDATE', effectiveDate: '2022-09-01' }] });
    const merged = await get(`/api/v1/units/${mergedId}/lineage`);
    expect((merged.body as unknown as { predecessors: { code: string }[] }).predecessors.map((p) => p.code)).toEqual(['TT-A', 'TT-B']);
    expect((await client.get('/api/v1/units/7c9e6679-7425-40de-944b-e07fc1f90ae7/lineage')).status).toBe(404);
  });

  it('shows a back-fill only as known at an instant after it was recorded', async () => {
    const unitA = ids.get('TT-A')!;
    expect((await unitAt(unitA, `asOf=2020-06-01&knownAt=${backFill.before}`)).body).toMatchObject({ staffingQuota: 40, validFrom: '2019-01-01', version: 2 });
    expect((await unitAt(unitA, `asOf=2020-06-01&knownAt=${backFill.at}`)).body).toMatchObject({ staffingQuota: 35, validFrom: '2020-03-01', version: 3 });
    expect((await unitAt(unitA, 'asOf=2020-06-01')).body).toMatchObject({ staffingQuota: 35 });
    // Known before the unit was even imported: it did not exist in the register then.
    expect((await unitAt(unitA, 'asOf=2020-06-01&knownAt=2000-01-01T00:00:00Z')).status).toBe(404);
  });

  it('shows an annulled change only as known before the annulment', async () => {
    const unitC = ids.get('TT-C')!;
    expect((await unitAt(unitC, `asOf=2020-06-01&knownAt=${annulment.before}`)).body).toMatchObject({ autonomyGroup: 'G2', validFrom: '2020-05-01' });
    expect((await unitAt(unitC, `asOf=2020-06-01&knownAt=${annulment.at}`)).body).toMatchObject({ autonomyGroup: 'G3', validFrom: '2010-05-01', establishedOn: '2010-05-01' });
    expect((await unitAt(unitC, 'asOf=2020-06-01')).body).toMatchObject({ autonomyGroup: 'G3' });
  });

  it('refuses a knownAt without a time, and malformed dates: 400', async () => {
    await expectProblem(await client.get(`/api/v1/units/${schoolId}?knownAt=2020-01-01`), 400, 'VALIDATION_FAILED');
    await expectProblem(await client.get('/api/v1/units?knownAt=2020-01-01'), 400, 'VALIDATION_FAILED');
    await expectProblem(await client.get('/api/v1/units?asOf=2020-13-01'), 400, 'VALIDATION_FAILED');
  });
});
