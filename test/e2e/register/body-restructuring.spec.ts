import type { RecordedEvent } from '@reorg/event-store';
import { STORE_KINDS } from '../support/store-backends';
import { expectProblem } from '../support/problem';
import { RegisterClient } from './register-client';
import { type Body, decision, importUnits, registerBody, unitRow, uniqueCode } from './register-fixtures';

type Imported = { recorded: number; decisions: { number: string; createdUnits: unknown[]; establishedBodies?: { code: string; bodyId: string }[] }[] };
type LineageEntry = { bodyId: string; code: string; changeType: string; effectiveDate: string; decision: { number: string; date: string } };
type Lineage = { predecessors: LineageEntry[]; successors: LineageEntry[] };

const ISSUER = 'Ủy ban nhân dân tỉnh Thái Nguyên';
const bodyDecision = (number: string, effectiveDate: string, bodyOperations: unknown[], operations: unknown[] = []) => ({ ...decision(number, effectiveDate, operations, ISSUER), bodyOperations });

describe.each(STORE_KINDS)('governing-body restructuring over HTTP (%s)', (_, kind) => {
  let client: RegisterClient;

  beforeAll(async () => {
    client = await RegisterClient.startOn(kind, 'bodies');
  });

  afterAll(() => client.close());

  /** The events appended after a log position (PostgreSQL positions may have gaps: read, do not count). */
  async function appendedAfter(position: number): Promise<RecordedEvent[]> {
    return client.store().readAll({ after: position, maxCount: 10_000, consistency: 'committed' });
  }

  async function lastEvent(streamId: string): Promise<RecordedEvent> {
    const events = await client.store().readStream(streamId);
    return events[events.length - 1];
  }

  async function refused(body: unknown, status: number, code: string, path = '/api/v1/decisions/import', language?: string) {
    const before = await client.eventCount();
    const problem = await expectProblem(await client.post(path, body, language ? { language } : {}), status, code);
    expect(await client.eventCount()).toBe(before);
    return problem;
  }

  it('establishes, merges (units follow unless sent elsewhere), splits (a destination per unit and a default), renames and abolishes in one atomic append', async () => {
    const agriculture = await registerBody(client, { code: uniqueCode('SNN'), name: 'Sở Nông nghiệp và Phát triển nông thôn' });
    const environment = await registerBody(client, { code: uniqueCode('STNMT'), name: 'Sở Tài nguyên và Môi trường' });
    const health = await registerBody(client, { code: uniqueCode('SYT'), name: 'Sở Y tế' });
    const labour = await registerBody(client, { code: uniqueCode('SLD'), name: 'Sở Lao động - Thương binh và Xã hội' });
    const idle = await registerBody(client, { code: uniqueCode('BQL'), name: 'Ban Quản lý không còn đơn vị' });
    const rows = {
      agri1: unitRow(agriculture, { sector: 'AGRICULTURE' }),
      agri2: unitRow(agriculture, { sector: 'AGRICULTURE' }),
      env1: unitRow(environment, { sector: 'OTHER' }),
      env2: unitRow(environment, { sector: 'OTHER' }),
      lab1: unitRow(labour, { sector: 'OTHER' }),
      lab2: unitRow(labour, { sector: 'OTHER' }),
      lab3: unitRow(labour, { sector: 'OTHER' }),
    };
    const ids = await importUnits(client, Object.values(rows));
    const id = (key: keyof typeof rows) => ids.get(rows[key].code as string)!;
    const successorCode = uniqueCode('SNNMT');

    const before = await client.eventCount();
    const result = await client.ok<Imported>('/api/v1/decisions/import', {
      decisions: [
        bodyDecision('15/QĐ-UBND', '2025-03-01', [
          { type: 'ESTABLISH_BODY', body: { code: successorCode, name: 'Sở Nông nghiệp và Môi trường', system: 'GOVERNMENT', level: 'PROVINCE' } },
          { type: 'MERGE_BODIES', sourceBodyIds: [agriculture.id, environment.id], successorBodyCode: successorCode, unitDestinations: [{ unitCode: rows.env2.code, toBodyId: health.id }] },
          {
            type: 'SPLIT_BODY',
            bodyId: labour.id,
            defaultBodyCode: successorCode,
            unitDestinations: [
              { unitId: id('lab1'), toBodyId: health.id },
              { unitCode: rows.lab2.code, toBodyCode: health.code },
            ],
          },
          { type: 'RENAME_BODY', bodyId: health.id, newName: 'Sở Y tế và Xã hội' },
          { type: 'ABOLISH_BODY', bodyId: idle.id },
        ]),
      ],
    });
    const successor = result.decisions[0].establishedBodies![0];
    expect(result).toEqual({ recorded: 1, decisions: [{ number: '15/QĐ-UBND', createdUnits: [], establishedBodies: [{ code: successorCode, bodyId: expect.stringMatching(/^[0-9a-f-]{36}$/) }] }] });

    // One atomic append: the log head moved once, by exactly these events, all of one request.
    const appended = await appendedAfter(before);
    expect(await client.eventCount()).toBe(appended[appended.length - 1].position);
    expect(new Set(appended.map((e) => e.metadata.correlationId)).size).toBe(1);
    expect(appended.map((e) => e.metadata.source)).toEqual(appended.map(() => 'import'));
    const byStream = (streamId: string) => appended.filter((e) => e.streamId === streamId).map((e) => e.type);
    expect(byStream(`body-${successor.bodyId}`)).toEqual(['GoverningBodyEstablished', 'GoverningBodyReceivedFrom', 'GoverningBodyReceivedFrom']);
    expect(byStream(`body-${agriculture.id}`)).toEqual(['GoverningBodyMerged']);
    expect(byStream(`body-${environment.id}`)).toEqual(['GoverningBodyMerged']);
    expect(byStream(`body-${labour.id}`)).toEqual(['GoverningBodySplit']);
    expect(byStream(`body-${health.id}`)).toEqual(['GoverningBodyReceivedFrom', 'GoverningBodyReceivedFrom', 'GoverningBodyRenamed']);
    expect(byStream(`body-${idle.id}`)).toEqual(['GoverningBodyAbolished']);
    expect(appended.filter((e) => e.type === 'GoverningBodyCodeReserved')).toHaveLength(1);
    expect(appended.filter((e) => e.type === 'DecisionRecorded')).toHaveLength(1);

    // Every unit move is a transfer naming the decision.
    const expected: Record<keyof typeof rows, [Body, string, string]> = {
      agri1: [agriculture, successor.bodyId, 'MERGE_BODIES'],
      agri2: [agriculture, successor.bodyId, 'MERGE_BODIES'],
      env1: [environment, successor.bodyId, 'MERGE_BODIES'],
      env2: [environment, health.id, 'MERGE_BODIES'],
      lab1: [labour, health.id, 'SPLIT_BODY'],
      lab2: [labour, health.id, 'SPLIT_BODY'],
      lab3: [labour, successor.bodyId, 'SPLIT_BODY'],
    };
    const transfers = appended.filter((e) => e.streamId.startsWith('unit-'));
    expect(transfers.map((e) => e.type)).toEqual(transfers.map(() => 'UnitTransferred'));
    expect(transfers).toHaveLength(7);
    for (const [key, [from, to, bodyOperation]] of Object.entries(expected)) {
      const event = await lastEvent(`unit-${id(key as keyof typeof rows)}`);
      expect({ type: event.type, ...event.data }).toMatchObject({
        type: 'UnitTransferred',
        effectiveDate: '2025-03-01',
        fromGoverningBodyId: from.id,
        toGoverningBodyId: to,
        bodyOperation,
        decision: { number: '15/QĐ-UBND', issuer: ISSUER, effectiveDate: '2025-03-01' },
      });
    }

    // The read side: bodies on both sides of the date, units under their new body, lineage both ways.
    const bodyOn = async (bodyId: string, asOf: string) => (await client.get(`/api/v1/governing-bodies/${bodyId}?asOf=${asOf}`)).json() as Promise<Record<string, unknown>>;
    expect(await bodyOn(agriculture.id, '2025-02-28')).toMatchObject({ status: 'ACTIVE' });
    expect(await bodyOn(agriculture.id, '2025-03-01')).toMatchObject({ status: 'ABOLISHED', abolishedOn: '2025-03-01' });
    expect(await bodyOn(labour.id, '2025-03-01')).toMatchObject({ status: 'ABOLISHED' });
    expect(await bodyOn(idle.id, '2025-03-01')).toMatchObject({ status: 'ABOLISHED' });
    expect(await bodyOn(health.id, '2025-03-01')).toMatchObject({ status: 'ACTIVE', name: 'Sở Y tế và Xã hội' });
    expect(await bodyOn(health.id, '2025-02-28')).toMatchObject({ name: 'Sở Y tế' });
    expect((await client.get(`/api/v1/governing-bodies/${successor.bodyId}?asOf=2025-02-28`)).status).toBe(404);
    const unit = (await (await client.get(`/api/v1/units/${id('lab3')}?asOf=2025-03-01`)).json()) as { governingBodyId: string };
    expect(unit.governingBodyId).toBe(successor.bodyId);

    const lineage = async (bodyId: string) => {
      const response = await client.get(`/api/v1/governing-bodies/${bodyId}/lineage`);
      expect(response.status).toBe(200);
      return (await response.json()) as Lineage;
    };
    const link = (body: Body, changeType: string) => ({ bodyId: body.id, code: body.code, changeType, effectiveDate: '2025-03-01', decision: { number: '15/QĐ-UBND', date: '2025-03-01' } });
    const successorBody = { id: successor.bodyId, code: successorCode };
    const successorLineage = await lineage(successor.bodyId);
    expect(successorLineage.successors).toEqual([]);
    expect(successorLineage.predecessors).toEqual(
      expect.arrayContaining([expect.objectContaining(link(agriculture, 'MERGE_BODIES')), expect.objectContaining(link(environment, 'MERGE_BODIES')), expect.objectContaining(link(labour, 'SPLIT_BODY'))]),
    );
    expect(successorLineage.predecessors).toHaveLength(3);
    expect((await lineage(agriculture.id)).successors).toEqual([expect.objectContaining(link(successorBody, 'MERGE_BODIES'))]);
    expect((await lineage(environment.id)).successors).toEqual(expect.arrayContaining([expect.objectContaining(link(successorBody, 'MERGE_BODIES')), expect.objectContaining(link(health, 'MERGE_BODIES'))]));
    expect((await lineage(labour.id)).successors).toEqual(expect.arrayContaining([expect.objectContaining(link(successorBody, 'SPLIT_BODY')), expect.objectContaining(link(health, 'SPLIT_BODY'))]));
    expect((await lineage(health.id)).predecessors.map((l) => l.bodyId).sort()).toEqual([environment.id, labour.id].sort());
    await expectProblem(await client.get('/api/v1/governing-bodies/00000000-0000-4000-8000-00000000abcd/lineage'), 404, 'NOT_FOUND');
  });

  it('is all or nothing: a split leaving a unit without destination refuses the whole decision, naming the operation', async () => {
    const merging = await registerBody(client);
    const target = await registerBody(client);
    const split = await registerBody(client);
    await importUnits(client, [unitRow(merging), unitRow(split), unitRow(split)]);
    const newCode = uniqueCode('NEW');
    const problem = await refused(
      {
        decisions: [
          bodyDecision('16/QĐ-UBND', '2025-03-01', [
            { type: 'ESTABLISH_BODY', body: { code: newCode, name: 'Sở mới', system: 'GOVERNMENT', level: 'PROVINCE' } },
            { type: 'MERGE_BODIES', sourceBodyIds: [merging.id], successorBodyId: target.id },
            { type: 'SPLIT_BODY', bodyId: split.id, unitDestinations: [] },
          ]),
        ],
      },
      422,
      'RULE_VIOLATION',
    );
    expect(problem.errors).toEqual([expect.objectContaining({ code: 'UNIT_WITHOUT_DESTINATION', path: 'decisions[0].bodyOperations[2].defaultBodyId' })]);
    const list = (await (await client.get('/api/v1/governing-bodies?asOf=2025-03-01&status=ALL&limit=500')).json()) as { items: { code: string }[] };
    expect(list.items.map((b) => b.code)).not.toContain(newCode);
  });

  it('closes the DISTRICT level on 2025-07-01: nothing created at or moved to it from that day (refusal names its legal source, vi and en); closing stays possible', async () => {
    const district = await registerBody(client, { code: uniqueCode('UBND-H'), name: 'UBND huyện Định Hóa', level: 'DISTRICT' });
    const district2 = await registerBody(client, { code: uniqueCode('UBND-H'), name: 'UBND huyện Phú Lương', level: 'DISTRICT' });
    const commune = await registerBody(client, { code: uniqueCode('UBND-X'), name: 'UBND xã Định Hóa', level: 'COMMUNE' });
    const department = await registerBody(client, { code: uniqueCode('SGD'), name: 'Sở Giáo dục và Đào tạo' });
    const rows = [unitRow(district, { level: 'DISTRICT', sector: 'EDUCATION' }), unitRow(district, { level: 'DISTRICT', sector: 'AGRICULTURE' }), unitRow(district2, { level: 'DISTRICT' })];
    const ids = await importUnits(client, rows);
    const newDistrict = (code: string) => ({ type: 'ESTABLISH_BODY', body: { code, name: 'UBND huyện mới', system: 'GOVERNMENT', level: 'DISTRICT' } });

    // The day before: a district body may still be established.
    await client.ok('/api/v1/decisions/import', { decisions: [bodyDecision('20/QĐ-UBND', '2025-06-30', [newDistrict(uniqueCode('UBND-H'))])] });

    // From 2025-07-01: establishing a district body is refused, in English and in Vietnamese, naming the source.
    const english = await refused({ decisions: [bodyDecision('21/QĐ-UBND', '2025-07-01', [newDistrict(uniqueCode('UBND-H'))])] }, 422, 'RULE_VIOLATION', '/api/v1/decisions/import', 'en');
    expect(english.errors).toEqual([expect.objectContaining({ code: 'LEVEL_NOT_IN_EFFECT', path: 'decisions[0].bodyOperations[0].body.level' })]);
    expect(english.detail).toMatch(/DISTRICT level does not exist on 2025-07-01/);
    expect(english.detail).toMatch(/203\/2025\/QH15/);
    const vietnamese = await refused({ decisions: [bodyDecision('21/QĐ-UBND', '2025-07-01', [newDistrict(uniqueCode('UBND-H'))])] }, 422, 'RULE_VIOLATION', '/api/v1/decisions/import', 'vi');
    expect(vietnamese.detail).toMatch(/cấp huyện không còn tồn tại vào ngày 2025-07-01/);
    expect(vietnamese.detail).toMatch(/203\/2025\/QH15/);

    // A unit created at DISTRICT, and units moved to a district body, are refused the same way.
    const atDistrict = { code: uniqueCode('N'), name: 'Trung tâm huyện', governingBodyId: commune.id, level: 'DISTRICT', sector: 'OTHER', autonomyGroup: 'G3', staffingQuota: 20 };
    const unitRefusal = await refused({ decisions: [decision('22/QĐ-UBND', '2025-07-01', [{ type: 'ESTABLISH', unit: atDistrict }], ISSUER)] }, 422, 'RULE_VIOLATION', '/api/v1/decisions/import', 'en');
    expect(unitRefusal.errors).toEqual([expect.objectContaining({ code: 'LEVEL_NOT_IN_EFFECT' })]);
    const moveRefusal = await refused(
      { decisions: [bodyDecision('23/QĐ-UBND', '2025-07-01', [{ type: 'MERGE_BODIES', sourceBodyIds: [district.id], successorBodyId: district2.id }])] },
      422,
      'RULE_VIOLATION',
    );
    expect(moveRefusal.errors).toEqual([expect.objectContaining({ code: 'LEVEL_NOT_IN_EFFECT', path: 'decisions[0].bodyOperations[0].successorBodyId' })]);

    // A decision effective that day may still close the level: the district's units go to a commune and a department.
    await client.ok('/api/v1/decisions/import', {
      decisions: [
        bodyDecision('24/QĐ-UBND', '2025-07-01', [
          { type: 'SPLIT_BODY', bodyId: district.id, defaultBodyId: commune.id, unitDestinations: [{ unitCode: rows[0].code, toBodyId: department.id }] },
          { type: 'ABOLISH_BODY', bodyId: district2.id, transferUnitsToId: commune.id },
        ]),
      ],
    });
    for (const [code, to] of [
      [rows[0].code, department.id],
      [rows[1].code, commune.id],
      [rows[2].code, commune.id],
    ] as const) {
      expect((await lastEvent(`unit-${ids.get(code as string)!}`)).data).toMatchObject({ toGoverningBodyId: to, effectiveDate: '2025-07-01', decision: { number: '24/QĐ-UBND' } });
    }
  });

  it("merges a second province's register: its units JOIN (not created), serve its former territory, and the report counts them as joined", async () => {
    const province = `BAC_KAN_${kind.toUpperCase()}`;
    const health = await registerBody(client, { code: uniqueCode('BK-SYT'), name: 'Sở Y tế tỉnh Bắc Kạn', province });
    const education = await registerBody(client, { code: uniqueCode('BK-SGD'), name: 'Sở Giáo dục tỉnh Bắc Kạn', province });
    const rows = [unitRow(health), unitRow(health, { sector: 'EDUCATION' }), unitRow(education, { sector: 'EDUCATION' })];
    const ids = await importUnits(client, rows, '2023-12-31');
    // Its own back-filled history before the merger: one unit dissolved in 2024 never joins.
    await client.ok('/api/v1/decisions/import', { decisions: [decision('5/QĐ-UBND', '2024-05-01', [{ type: 'DISSOLVE', unitCode: rows[1].code, settlementRef: 'BB-5/2024' }], 'Ủy ban nhân dân tỉnh Bắc Kạn')] });

    const bodyOn = async (asOf: string) => (await (await client.get(`/api/v1/governing-bodies/${health.id}?asOf=${asOf}`)).json()) as Record<string, unknown>;
    expect(await bodyOn('2025-06-30')).toMatchObject({ province });
    const merger = { effectiveDate: '2025-07-01', decision: { number: `202/2025/QH15-${kind}`, date: '2025-06-12', issuer: 'Quốc hội' } };
    const before = await client.eventCount();
    const response = await client.post(`/api/v1/provinces/${province}/merge`, merger);
    const text = await response.text();
    expect({ status: response.status, text }).toMatchObject({ status: 200 });
    const result = JSON.parse(text) as { province: string; joinedOn: string; joinedBodyIds: string[]; joinedUnitIds: string[] };
    const joined = [ids.get(rows[0].code as string)!, ids.get(rows[2].code as string)!].sort();
    expect({ ...result, joinedBodyIds: [...result.joinedBodyIds].sort(), joinedUnitIds: [...result.joinedUnitIds].sort() }).toEqual({
      province,
      joinedOn: '2025-07-01',
      joinedBodyIds: [health.id, education.id].sort(),
      joinedUnitIds: joined,
    });
    const appended = await appendedAfter(before);
    expect(appended.map((e) => e.type).sort()).toEqual(['DecisionRecorded', 'GoverningBodyJoined', 'GoverningBodyJoined', 'UnitJoined', 'UnitJoined']);
    expect(appended.some((e) => e.type === 'UnitEstablished' || e.type === 'UnitRegistered')).toBe(false);
    // The body shows where it came from: its province before the merger, the former territory from it.
    expect(await bodyOn('2025-06-30')).toMatchObject({ province, status: 'ACTIVE' });
    const after = await bodyOn('2025-07-01');
    expect(after).toMatchObject({ territory: province, status: 'ACTIVE' });
    expect(after.province).toBeUndefined();
    const listed = (await (await client.get('/api/v1/governing-bodies?asOf=2025-07-01&pageSize=200')).json()) as { items: Record<string, unknown>[] };
    expect(listed.items.find((b) => b.id === education.id)).toMatchObject({ territory: province });
    for (const unitId of joined) expect((await lastEvent(`unit-${unitId}`)).data).toMatchObject({ fromProvince: province, effectiveDate: '2025-07-01' });

    // Twice is refused (both languages name Resolution 202/2025/QH15), writing nothing.
    const again = await refused({ ...merger, decision: { ...merger.decision, number: `202b/2025/QH15-${kind}` } }, 422, 'RULE_VIOLATION', `/api/v1/provinces/${province}/merge`, 'vi');
    expect(again.errors).toEqual([expect.objectContaining({ code: 'PROVINCE_ALREADY_JOINED' })]);
    expect(again.detail).toMatch(/202\/2025\/QH15/);
    const unknown = await refused({ ...merger, decision: { ...merger.decision, number: `202c/2025/QH15-${kind}` } }, 422, 'RULE_VIOLATION', '/api/v1/provinces/NO_SUCH_PROVINCE/merge', 'en');
    expect(unknown.errors).toEqual([expect.objectContaining({ code: 'PROVINCE_UNKNOWN' })]);

    // The register's own report counts them as joined in 2025 (not created); the former territory's report
    // keeps the pre-merger figures reproducible (its units were active there all along).
    const report = async (query: string) => (await (await client.get(`/api/v1/reports/reduction?${query}`)).json()) as Record<string, number>;
    const own = await report('from=2025-01-01&to=2025-12-31');
    expect(own).toMatchObject({ joined: 2, left: 0 });
    expect(own.activeAtStart + own.created - own.ended + own.joined - own.left).toBe(own.activeAtEnd);
    expect(await report('from=2024-01-01&to=2024-12-31')).toMatchObject({ joined: 0 });
    expect(await report(`from=2024-01-01&to=2024-12-31&territory=${province}`)).toMatchObject({ activeAtStart: 3, created: 0, ended: 1, joined: 0, left: 0, activeAtEnd: 2 });
    expect(await report(`from=2025-01-01&to=2025-12-31&territory=${province}`)).toMatchObject({ activeAtStart: 2, joined: 0, left: 0, activeAtEnd: 2 });
  });
});
