import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { expectProblem } from '../support/problem';
import { RegisterClient } from '../register/register-client';
import { type Body, decision, importUnits, registerBody, unitRow } from '../register/register-fixtures';

type Bucket = { activeAtStart: number; activeAtEnd: number; netReduction: number; created: number; ended: number; transferredIn: number; transferredOut: number; joined: number; left: number };
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
  joined: 0,
  left: 0,
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
      joined: 0,
      left: 0,
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
        { year: 2018, created: 1, ended: 2, joined: 0, left: 0, netReduction: 1 },
        { year: 2019, created: 0, ended: 1, joined: 0, left: 0, netReduction: 1 },
        { year: 2020, created: 1, ended: 0, joined: 0, left: 0, netReduction: -1 },
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
    expect(lines[0]).toBe('section,key,from,to,activeAtStart,activeAtEnd,netReduction,created,ended,transferredIn,transferredOut,staffingQuotaAtStart,staffingQuotaAtEnd,decisions,unitsCreated,unitsEnded,joined,left');
    expect(lines.slice(1)).toEqual([
      'TOTAL,ALL,2018-01-01,2020-12-31,6,5,1,2,3,,,180,185,,,,0,0',
      'SYSTEM,GOVERNMENT,2018-01-01,2020-12-31,5,3,2,2,3,0,1,,,,,,0,0',
      'SYSTEM,PARTY_MASS,2018-01-01,2020-12-31,1,2,-1,0,0,1,0,,,,,,0,0',
      'SECTOR,EDUCATION,2018-01-01,2020-12-31,2,3,-1,1,0,0,0,,,,,,0,0',
      'SECTOR,HEALTH,2018-01-01,2020-12-31,3,1,2,1,3,0,0,,,,,,0,0',
      'SECTOR,OTHER,2018-01-01,2020-12-31,1,1,0,0,0,0,0,,,,,,0,0',
      'YEAR,2018,2018-01-01,2018-12-31,,,1,1,2,,,,,,,,0,0',
      'YEAR,2019,2019-01-01,2019-12-31,,,1,0,1,,,,,,,,0,0',
      'YEAR,2020,2020-01-01,2020-12-31,,,-1,1,0,,,,,,,,0,0',
      'OPERATION,ESTABLISH,2018-01-01,2020-12-31,,,,,,,,,,1,1,0,,',
      'OPERATION,CONSOLIDATE,2018-01-01,2020-12-31,,,,,,,,,,1,1,2,,',
      'OPERATION,DISSOLVE,2018-01-01,2020-12-31,,,,,,,,,,1,0,1,,',
      'OPERATION,TRANSFER,2018-01-01,2020-12-31,,,,,,,,,,1,0,0,,',
    ]);
  });

  it('names headers, sections and buckets for people with lang=vi|en, the same rows and figures', async () => {
    const lines = async (lang: string) => {
      const response = await client.get(`/api/v1/reports/reduction?${PERIOD}&format=csv&lang=${lang}`);
      expect(response.status).toBe(200);
      return (await response.text()).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    };
    const vi = await lines('vi');
    const en = await lines('en');
    expect(vi[0]).toContain('Số đơn vị đầu kỳ');
    expect(vi[0]).not.toMatch(/activeAtStart|netReduction/);
    expect(vi[1]).toBe('Toàn tỉnh,Tất cả,2018-01-01,2020-12-31,6,5,1,2,3,,,180,185,,,,0,0');
    expect(vi).toContain('Theo lĩnh vực,Y tế,2018-01-01,2020-12-31,3,1,2,1,3,0,0,,,,,,0,0');
    expect(vi).toContain('Theo hình thức sắp xếp,Hợp nhất,2018-01-01,2020-12-31,,,,,,,,,,1,1,2,,');
    expect(en[0]).toContain('Units at start');
    expect(en).toContain('By system,Government,2018-01-01,2020-12-31,5,3,2,2,3,0,1,,,,,,0,0');
    expect(vi).toHaveLength(en.length);
  });

  it('answers an Excel workbook whose sheets hold the JSON report’s figures and show the balance identity', async () => {
    const expected = await report(PERIOD);
    const response = await client.get(`/api/v1/reports/reduction?${PERIOD}&format=xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="reduction-2018-01-01-2020-12-31.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Toàn tỉnh', 'Theo hệ thống', 'Theo lĩnh vực', 'Theo năm', 'Theo hình thức sắp xếp']);
    const values = (sheet: ExcelJS.Worksheet) => sheet.getSheetValues().slice(1).map((row) => (Array.isArray(row) ? row.slice(1).map((cell) => (cell && typeof cell === 'object' && 'result' in cell ? cell.result : cell)) : []));
    const summary = Object.fromEntries(values(workbook.worksheets[0]).filter((row) => row.length === 2) as [string, unknown][]);
    expect(summary).toMatchObject({ 'Số đơn vị đầu kỳ': expected.activeAtStart, 'Số đơn vị cuối kỳ': expected.activeAtEnd, 'Giảm ròng': expected.netReduction, 'Thành lập mới': expected.created });
    const [header, ...systems] = values(workbook.worksheets[1]);
    expect(header[0]).toBe('Nhóm');
    const government = systems.find((row) => row[0] === 'Khối chính quyền') as unknown[];
    const column = (label: string) => header.indexOf(label);
    expect(government[column('Số đơn vị đầu kỳ')]).toBe(expected.bySystem.GOVERNMENT.activeAtStart);
    expect(government[column('Số đơn vị cuối kỳ')]).toBe(expected.bySystem.GOVERNMENT.activeAtEnd);
    expect(government.at(-2)).toBe(expected.bySystem.GOVERNMENT.activeAtEnd);
    expect(government.at(-1)).toBe('Đúng');
    const formula = workbook.worksheets[1].getRow(2).getCell(header.length - 1).value as { formula: string };
    expect(formula.formula).toMatch(/^B2\+C2-D2\+E2-F2\+G2-H2$/);
    const years = values(workbook.worksheets[3]).slice(1);
    expect(years.map((row) => [row[0], row[3]])).toEqual(expected.byYear.map((year) => [year.year, year.netReduction]));
    const operations = values(workbook.worksheets[4]).slice(1);
    expect(operations.map((row) => row[1])).toEqual(Object.values(expected.byOperation).map((counts) => counts.decisions));
    const english = new ExcelJS.Workbook();
    await english.xlsx.load(await (await client.get(`/api/v1/reports/reduction?${PERIOD}&format=xlsx&lang=en`)).arrayBuffer());
    expect(english.worksheets.map((sheet) => sheet.name)).toEqual(['Whole register', 'By system', 'By sector', 'By year', 'By operation']);
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
    expect(Object.keys(ok?.content ?? {})).toEqual(['application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
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
    ['an unknown format', `${PERIOD}&format=pdf`],
    ['an unknown language', `${PERIOD}&format=csv&lang=fr`],
  ])('refuses %s with 400 problem details', async (_case, query) => {
    await expectProblem(await client.get(`/api/v1/reports/reduction?${query}`), 400, 'VALIDATION_FAILED');
  });
});
