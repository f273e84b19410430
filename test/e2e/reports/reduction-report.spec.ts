import { setTimeout as sleep } from 'node:timers/promises';
import { expectProblem } from '../support/problem';
import { RegisterClient } from '../register/register-client';
import { type Body, decision, importUnits, registerBody, unitRow } from '../register/register-fixtures';

type Bucket = { activeAtStart: number; activeAtEnd: number; netReduction: number; created: number; ended: number; transferredIn: number; transferredOut: number };
type Report = {
  from: string;
  to: string;
  activeAtStart: number;
  activeAtEnd: number;
  netReduction: number;
  created: number;
  ended: number;
  staffingQuotaAtStart: number;
  staffingQuotaAtEnd: number;
  bySystem: Record<string, Bucket>;
  bySector: Record<string, Bucket>;
  byYear: { year: number; created: number; ended: number; netReduction: number }[];
  byOperation: Record<string, { decisions: number; unitsCreated: number; unitsEnded: number }>;
};

const bucket = (activeAtStart: number, activeAtEnd: number, created: number, ended: number, transferredIn = 0, transferredOut = 0): Bucket => ({
  activeAtStart,
  activeAtEnd,
  netReduction: activeAtStart - activeAtEnd,
  created,
  ended,
  transferredIn,
  transferredOut,
});

const ROLES = ['admin', 'proposer', 'doha_appraiser', 'party_standing_board', 'ppc_leader', 'auditor'];
const PERIOD = 'from=2018-01-01&to=2020-12-31';

describe('the reduction report (real HTTP)', () => {
  let client: RegisterClient;
  let health: Body;
  let party: Body;
  let beforeDecisions: string;

  const report = async (query: string, token?: string): Promise<Report> => {
    const response = await client.get(`/api/v1/reports/reduction?${query}`, token ? { token } : {});
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET reduction?${query}: ${response.status} ${text}`);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    return JSON.parse(text) as Report;
  };

  beforeAll(async () => {
    client = await RegisterClient.start();
    health = await registerBody(client, { code: 'RP-SYT', name: 'Sở Y tế' });
    party = await registerBody(client, { code: 'RP-TU', name: 'Tỉnh ủy', system: 'PARTY_MASS' });
    await importUnits(client, [
      unitRow(health, { code: 'RP-H1', staffingQuota: 40 }),
      unitRow(health, { code: 'RP-H2', staffingQuota: 30 }),
      unitRow(health, { code: 'RP-H3', staffingQuota: 20 }),
      unitRow(health, { code: 'RP-E1', sector: 'EDUCATION', staffingQuota: 50 }),
      unitRow(health, { code: 'RP-T1', name: 'Trung tâm Bồi dưỡng chính trị', sector: 'EDUCATION', staffingQuota: 15 }),
      unitRow(party, { code: 'RP-P1', name: 'Báo Đảng', sector: 'OTHER', system: 'PARTY_MASS', staffingQuota: 25 }),
    ]);
    await sleep(5);
    beforeDecisions = new Date().toISOString();
    await sleep(5);
    const newUnit = (code: string, name: string, sector: string, staffingQuota: number) => ({ code, name, governingBodyId: health.id, level: 'PROVINCE', sector, autonomyGroup: 'G3', staffingQuota });
    await client.ok('/api/v1/decisions/import', {
      decisions: [
        decision('11/QĐ-UBND', '2018-03-01', [{ type: 'CONSOLIDATE', sourceUnitCodes: ['RP-H1', 'RP-H2'], newUnit: newUnit('RP-H12', 'Bệnh viện Đa khoa Sơn Hà', 'HEALTH', 60) }]),
        decision('12/QĐ-UBND', '2019-06-01', [{ type: 'DISSOLVE', unitCode: 'RP-H3', settlementRef: 'BB-12/2019' }]),
        decision('13/QĐ-UBND', '2019-09-01', [{ type: 'TRANSFER', unitCode: 'RP-T1', toGoverningBodyId: party.id }]),
        decision('14/QĐ-UBND', '2020-02-01', [{ type: 'ESTABLISH', unit: newUnit('RP-E2', 'Trường Trung cấp Nghề', 'EDUCATION', 35) }]),
        decision('15/QĐ-UBND', '2021-01-01', [{ type: 'ESTABLISH', unit: newUnit('RP-E3', 'Trường Cao đẳng Y tế', 'EDUCATION', 30) }]),
      ],
    });
  });

  afterAll(() => client?.close());

  it('balances every bucket of a period with a consolidation, a dissolution, a transfer between systems and an establishment', async () => {
    const result = await report(PERIOD);
    expect(result).toEqual({
      from: '2018-01-01',
      to: '2020-12-31',
      activeAtStart: 6,
      activeAtEnd: 5,
      netReduction: 1,
      created: 2,
      ended: 3,
      staffingQuotaAtStart: 180,
      staffingQuotaAtEnd: 185,
      bySystem: { GOVERNMENT: bucket(5, 3, 2, 3, 0, 1), PARTY_MASS: bucket(1, 2, 0, 0, 1, 0) },
      bySector: { EDUCATION: bucket(2, 3, 1, 0), HEALTH: bucket(3, 1, 1, 3), OTHER: bucket(1, 1, 0, 0) },
      byYear: [
        { year: 2018, created: 1, ended: 2, netReduction: 1 },
        { year: 2019, created: 0, ended: 1, netReduction: 1 },
        { year: 2020, created: 1, ended: 0, netReduction: -1 },
      ],
      byOperation: {
        ESTABLISH: { decisions: 1, unitsCreated: 1, unitsEnded: 0 },
        CONSOLIDATE: { decisions: 1, unitsCreated: 1, unitsEnded: 2 },
        DISSOLVE: { decisions: 1, unitsCreated: 0, unitsEnded: 1 },
        TRANSFER: { decisions: 1, unitsCreated: 0, unitsEnded: 0 },
      },
    });
  });

  it('reports only what was recorded by knownAt', async () => {
    const known = await report(`${PERIOD}&knownAt=${encodeURIComponent(beforeDecisions)}`);
    expect(known).toMatchObject({ activeAtStart: 6, activeAtEnd: 6, netReduction: 0, created: 0, ended: 0, staffingQuotaAtEnd: 180, byOperation: {} });
    expect(known.bySystem).toEqual({ GOVERNMENT: bucket(5, 5, 0, 0), PARTY_MASS: bucket(1, 1, 0, 0) });
    expect(known.byYear.map((y) => [y.year, y.netReduction])).toEqual([[2018, 0], [2019, 0], [2020, 0]]);
    const inHanoi = new Date(Date.parse(beforeDecisions) + 7 * 3_600_000).toISOString().replace('Z', '+07:00');
    expect(await report(`${PERIOD}&knownAt=${encodeURIComponent(inHanoi)}`)).toEqual(known);
  });

  it('answers CSV: UTF-8 with a BOM, one row per bucket, the documented columns', async () => {
    const response = await client.get(`/api/v1/reports/reduction?${PERIOD}&format=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe('section,key,from,to,activeAtStart,activeAtEnd,netReduction,created,ended,transferredIn,transferredOut,staffingQuotaAtStart,staffingQuotaAtEnd,decisions,unitsCreated,unitsEnded');
    expect(lines.slice(1)).toEqual([
      'TOTAL,ALL,2018-01-01,2020-12-31,6,5,1,2,3,,,180,185,,,',
      'SYSTEM,GOVERNMENT,2018-01-01,2020-12-31,5,3,2,2,3,0,1,,,,,',
      'SYSTEM,PARTY_MASS,2018-01-01,2020-12-31,1,2,-1,0,0,1,0,,,,,',
      'SECTOR,EDUCATION,2018-01-01,2020-12-31,2,3,-1,1,0,0,0,,,,,',
      'SECTOR,HEALTH,2018-01-01,2020-12-31,3,1,2,1,3,0,0,,,,,',
      'SECTOR,OTHER,2018-01-01,2020-12-31,1,1,0,0,0,0,0,,,,,',
      'YEAR,2018,2018-01-01,2018-12-31,,,1,1,2,,,,,,,',
      'YEAR,2019,2019-01-01,2019-12-31,,,1,0,1,,,,,,,',
      'YEAR,2020,2020-01-01,2020-12-31,,,-1,1,0,,,,,,,',
      'OPERATION,ESTABLISH,2018-01-01,2020-12-31,,,,,,,,,,1,1,0',
      'OPERATION,CONSOLIDATE,2018-01-01,2020-12-31,,,,,,,,,,1,1,2',
      'OPERATION,DISSOLVE,2018-01-01,2020-12-31,,,,,,,,,,1,0,1',
      'OPERATION,TRANSFER,2018-01-01,2020-12-31,,,,,,,,,,1,0,0',
    ]);
  });

  it('may be read by every role, never without a token', async () => {
    const expected = await report(PERIOD);
    for (const role of ROLES) expect({ role, report: await report(PERIOD, await client.token(role)) }).toEqual({ role, report: expected });
    const anonymous = await fetch(`${client.running.url}/api/v1/reports/reduction?${PERIOD}`);
    expect(anonymous.status).toBe(401);
  });

  it('is documented in OpenAPI with a JSON schema and a CSV example', async () => {
    const document = (await (await fetch(`${client.running.url}/docs-json`)).json()) as { paths: Record<string, { get?: { responses: Record<string, { content: Record<string, { schema: { example?: string } }> }> } }> };
    const ok = document.paths['/api/v1/reports/reduction']?.get?.responses['200'];
    expect(Object.keys(ok?.content ?? {})).toEqual(['application/json', 'text/csv']);
    expect(ok?.content['text/csv'].schema.example).toMatch(/^section,key,from,to,activeAtStart/);
    expect(ok?.content['text/csv'].schema.example).toContain('\r\nSYSTEM,GOVERNMENT,2018-01-01,2023-12-31,564,448,116,150,263,0,3,');
  });

  it.each([
    ['from after to', 'from=2021-01-01&to=2020-12-31'],
    ['an impossible date', 'from=2018-02-30&to=2020-12-31'],
    ['a date that is not ISO', 'from=01/01/2018&to=2020-12-31'],
    ['no from', 'to=2020-12-31'],
    ['no to', 'from=2018-01-01'],
    ['knownAt as a date alone', `${PERIOD}&knownAt=2020-01-01`],
    ['an unknown format', `${PERIOD}&format=xlsx`],
  ])('refuses %s with 400 problem details', async (_case, query) => {
    await expectProblem(await client.get(`/api/v1/reports/reduction?${query}`), 400, 'VALIDATION_FAILED');
  });
});
