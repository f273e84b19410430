import { expectMatchesOpenApi } from '../support/openapi-schema';
import { expectProblem } from '../support/problem';
import { RegisterClient } from '../register/register-client';
import { type Body, decision, importUnits, registerBody, unitRow } from '../register/register-fixtures';

type UnitList = { items: { code: string; name: string; status: string }[]; total: number; page: number; pageSize: number };
type Structure = {
  asOf: string;
  knownAt: string;
  totals: { active: number; bySystem: Record<string, number>; bySector: Record<string, number> };
  bodies: { id: string; code: string; units: { code: string }[] }[];
};
type Diff = { from: string; to: string; established: { code: string }[]; ended: { code: string; status: string }[]; changed: { unitId: string; before: { name: string }; after: { name: string } }[] };

describe('unit lists, structure and diff (real HTTP)', () => {
  let client: RegisterClient;
  let health: Body;
  let party: Body;
  let ids: Map<string, string>;

  const json = async <T>(path: string, token?: string): Promise<T> => {
    const response = await client.get(path, token ? { token } : {});
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
  const codes = (list: UnitList) => list.items.map((u) => u.code);

  beforeAll(async () => {
    client = await RegisterClient.start();
    health = await registerBody(client, { code: 'LS-SYT', name: 'Sở Y tế' });
    party = await registerBody(client, { code: 'LS-TU', name: 'Tỉnh ủy', system: 'PARTY_MASS' });
    ids = await importUnits(client, [
      unitRow(health, { code: 'LS-03', name: 'Trường Trung cấp Y tế', sector: 'EDUCATION' }),
      unitRow(health, { code: 'LS-01', name: 'Bệnh viện Đa khoa tỉnh', sector: 'HEALTH' }),
      unitRow(health, { code: 'LS-02', name: 'Trung tâm Kiểm soát bệnh tật', sector: 'HEALTH' }),
      unitRow(party, { code: 'LS-04', name: 'Trường Chính trị tỉnh', sector: 'EDUCATION', system: 'PARTY_MASS' }),
    ]);
    await client.ok('/api/v1/decisions/import', {
      decisions: [
        decision('1/QĐ-UBND', '2019-06-01', [{ type: 'DISSOLVE', unitCode: 'LS-02', settlementRef: 'BB-01/2019' }]),
        decision('2/QĐ-UBND', '2020-02-01', [{ type: 'RENAME', unitCode: 'LS-01', newName: 'Bệnh viện Đa khoa Đông Hòa' }]),
        decision('3/QĐ-UBND', '2020-03-01', [
          { type: 'ESTABLISH', unit: { code: 'LS-05', name: 'Trung tâm Y tế dự phòng', governingBodyId: health.id, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 20 } },
        ]),
      ],
    });
  });

  afterAll(() => client?.close());

  it('sees a just-imported unit at once (read-your-writes)', async () => {
    const { units } = await client.ok<{ units: { code: string; unitId: string }[] }>('/api/v1/units/import', { asOf: '2017-12-31', units: [unitRow(party, { code: 'LS-RYW', system: 'PARTY_MASS', sector: 'OTHER' })] });
    const response = await client.get(`/api/v1/units/${units[0].unitId}?asOf=2018-01-01`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ code: 'LS-RYW', status: 'ACTIVE', establishedOn: '2017-12-31' });
  });

  it('lists the units active on a date by code; ALL adds ended ones, never those not yet established', async () => {
    const active = await json<UnitList>(`/api/v1/units?asOf=2020-06-01&governingBodyId=${health.id}`);
    expect(active).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    expect(codes(active)).toEqual(['LS-01', 'LS-03', 'LS-05']);
    const all = await json<UnitList>(`/api/v1/units?asOf=2020-01-01&governingBodyId=${health.id}&status=ALL`);
    expect(all.items.map((u) => [u.code, u.status])).toEqual([['LS-01', 'ACTIVE'], ['LS-02', 'DISSOLVED'], ['LS-03', 'ACTIVE']]);
    const dissolved = await json<UnitList>(`/api/v1/units?asOf=2020-01-01&status=DISSOLVED`);
    expect(codes(dissolved)).toEqual(['LS-02']);
    const today = await json<UnitList>(`/api/v1/units?governingBodyId=${health.id}`);
    expect(codes(today)).toEqual(['LS-01', 'LS-03', 'LS-05']);
  });

  it('filters by system and sector, and pages (1-based, clamped at 500)', async () => {
    expect(codes(await json<UnitList>('/api/v1/units?asOf=2020-06-01&system=PARTY_MASS'))).toEqual(['LS-04', 'LS-RYW']);
    expect(codes(await json<UnitList>('/api/v1/units?asOf=2020-06-01&sector=HEALTH'))).toEqual(['LS-01', 'LS-05']);
    const second = await json<UnitList>('/api/v1/units?asOf=2020-06-01&pageSize=2&page=2');
    expect(second).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(codes(second)).toEqual(['LS-04', 'LS-05']);
    expect(await json<UnitList>('/api/v1/units?asOf=2020-06-01&pageSize=1000')).toMatchObject({ pageSize: 500, total: 5 });
    await expectProblem(await client.get('/api/v1/units?status=CLOSED'), 400, 'VALIDATION_FAILED');
    await expectProblem(await client.get('/api/v1/units?sector=MINING'), 400, 'VALIDATION_FAILED');
    await expectProblem(await client.get('/api/v1/units?page=0'), 400, 'VALIDATION_FAILED');
  });

  it('searches code and name ignoring case and diacritics', async () => {
    expect(codes(await json<UnitList>('/api/v1/units?asOf=2020-06-01&q=truong'))).toEqual(['LS-03', 'LS-04']);
    expect(codes(await json<UnitList>('/api/v1/units?asOf=2020-06-01&q=DONG%20HOA'))).toEqual(['LS-01']);
    expect(codes(await json<UnitList>(`/api/v1/units?asOf=2020-06-01&q=${encodeURIComponent('Đông Hòa')}`))).toEqual(['LS-01']);
    expect(codes(await json<UnitList>('/api/v1/units?asOf=2020-06-01&q=ls-0'))).toHaveLength(4);
    expect(codes(await json<UnitList>('/api/v1/units?asOf=2020-06-01&q=%25'))).toEqual([]);
  });

  it('answers the structure with totals and bodies holding their active units, for every role', async () => {
    const auditor = await client.token('auditor');
    const structure = await json<Structure>('/api/v1/structure?asOf=2020-06-01', auditor);
    expect(structure.asOf).toBe('2020-06-01');
    expect(Date.parse(structure.knownAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(structure.totals).toEqual({ active: 5, bySystem: { GOVERNMENT: 3, PARTY_MASS: 2 }, bySector: { EDUCATION: 2, HEALTH: 2, OTHER: 1 } });
    expect(structure.bodies.map((b) => [b.code, b.units.map((u) => u.code)])).toEqual([
      ['LS-SYT', ['LS-01', 'LS-03', 'LS-05']],
      ['LS-TU', ['LS-04', 'LS-RYW']],
    ]);
    const before = await json<Structure>('/api/v1/structure?asOf=2019-01-01&knownAt=2030-01-01T00:00:00Z');
    expect(before.knownAt).toBe('2030-01-01T00:00:00.000Z');
    expect(before.totals).toMatchObject({ active: 5, bySector: { HEALTH: 2 } });
    await expectProblem(await client.get('/api/v1/structure?knownAt=2020-01-01'), 400, 'VALIDATION_FAILED');
  });

  it('diffs two dates: established, ended and changed units', async () => {
    const diff = await json<Diff>('/api/v1/structure/diff?from=2019-01-01&to=2020-12-31');
    expect(diff.established.map((u) => u.code)).toEqual(['LS-05']);
    expect(diff.ended.map((u) => [u.code, u.status])).toEqual([['LS-02', 'DISSOLVED']]);
    expect(diff.changed).toEqual([{ unitId: ids.get('LS-01'), before: expect.objectContaining({ name: 'Bệnh viện Đa khoa tỉnh' }), after: expect.objectContaining({ name: 'Bệnh viện Đa khoa Đông Hòa' }) }]);
    const none = await json<Diff>('/api/v1/structure/diff?from=2020-03-01&to=2020-03-01');
    expect([none.established, none.ended, none.changed]).toEqual([[], [], []]);
    await expectProblem(await client.get('/api/v1/structure/diff?from=2021-01-01&to=2020-01-01'), 400, 'VALIDATION_FAILED');
    await expectProblem(await client.get('/api/v1/structure/diff?from=2021-01-01'), 400, 'VALIDATION_FAILED');
  });

  it('answers the structure and a unit, as known now and as known at an instant, as openapi.json describes them', async () => {
    const auditor = await client.token('auditor');
    for (const path of ['/api/v1/structure?asOf=2020-06-01', '/api/v1/structure?asOf=2019-06-01', '/api/v1/structure?asOf=2020-06-01&knownAt=2030-01-01T00:00:00Z', '/api/v1/structure?asOf=1990-01-01']) {
      expectMatchesOpenApi('StructureDto', await json(path, auditor));
    }
    for (const unitId of ids.values()) {
      expectMatchesOpenApi('UnitDto', await json(`/api/v1/units/${unitId}?asOf=2020-06-01`, auditor));
      expectMatchesOpenApi('UnitDto', await json(`/api/v1/units/${unitId}?asOf=2020-06-01&knownAt=2030-01-01T00:00:00Z`, auditor));
    }
  });

  it('exposes the projection lag as a gauge', async () => {
    const metrics = await (await fetch(`${client.running.url}/metrics`)).text();
    expect(metrics).toMatch(/^projection_lag_events\{projection="units\.v1"\} 0$/m);
  });

  it('tags the structure with a weak ETag of (asOf, knownAt, read models\' positions), answers 304 to it until a change, and compresses on request', async () => {
    const path = '/api/v1/structure?asOf=2020-06-01&knownAt=2030-01-01T00:00:00Z';
    const identity = await client.get(path, { headers: { 'accept-encoding': 'identity' } });
    expect(identity.status).toBe(200);
    expect(identity.headers.get('content-encoding')).toBeNull();
    const tag = identity.headers.get('etag')!;
    expect(tag).toMatch(/^W\/"[\w-]+"$/);
    const body = (await identity.json()) as Structure;
    expect(body.totals.active).toBeGreaterThan(0);

    const unchanged = await client.get(path, { headers: { 'if-none-match': tag } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('etag')).toBe(tag);
    expect(await unchanged.text()).toBe('');
    expect((await client.get(path, { headers: { 'if-none-match': `"other", ${tag}` } })).status).toBe(304);

    const otherDate = await client.get('/api/v1/structure?asOf=2020-06-02&knownAt=2030-01-01T00:00:00Z', { headers: { 'if-none-match': tag } });
    expect(otherDate.status).toBe(200);
    expect(otherDate.headers.get('etag')).not.toBe(tag);
    await otherDate.arrayBuffer();

    const gzip = await client.get(path, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gzip.headers.get('etag')).toBe(tag);
    expect(await gzip.json()).toEqual(body);

    await client.ok('/api/v1/decisions/import', { decisions: [decision('9/QĐ-UBND', '2020-05-01', [{ type: 'RENAME', unitCode: 'LS-03', newName: 'Trường Cao đẳng Y tế' }])] });
    const changed = await client.get(path, { headers: { 'if-none-match': tag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tag);
    const after = (await changed.json()) as { bodies: { units: { code: string; name: string }[] }[] };
    expect(after.bodies.flatMap((b) => b.units).find((u) => u.code === 'LS-03')?.name).toBe('Trường Cao đẳng Y tế');
  });
});
