import { parse } from 'csv-parse/sync';
import * as jsonld from 'jsonld';
import { ProjectionRunner } from '@reorg/projections';
import { type ScenarioLoadReport, loadScenario } from '../../fixtures/scenario/load-scenario';
import { readScenario } from '../../fixtures/scenario/scenario-file';
import type { ScenarioDecision } from '../../fixtures/scenario/scenario-format';
import { RegisterClient } from '../register/register-client';
import { expectProblem } from '../support/problem';

const AS_OF = '2023-12-31';
const ORG = 'http://www.w3.org/ns/org#';
const VOCAB = 'https://w3id.org/reorg/vocab#';
const DCT = 'http://purl.org/dc/terms/';
const STRUCTURAL: Record<string, string> = { ESTABLISH: 'Establishment', CONSOLIDATE: 'Consolidation', ABSORB: 'Absorption', DIVIDE: 'Division', SEPARATE: 'Separation', DISSOLVE: 'Dissolution' };
const CATCH_UP_MS = 180_000;

type Node = Record<string, unknown> & { '@id': string; '@type'?: string[] };
type Ref = { '@id': string };
type Lineage = { predecessors: { unitId: string; changeType: string; effectiveDate: string }[]; successors: unknown[] };
type Popolo = { organizations: { id: string; name: string; classification: string; identifiers: { identifier: string }[]; other_names: { end_date?: string }[]; dissolution_date?: string; parent_id?: string }[] };

const scenario = readScenario();

/** The decisions in force at the end of the fixture: every one recorded, less those annulled after they were recorded. */
function decisionsInForce(): ScenarioDecision[] {
  const live = new Map<string, ScenarioDecision>();
  for (const step of scenario.steps) {
    if (step.kind === 'decisions') step.decisions.forEach((d) => live.set(`${d.issuer}|${d.number}`, d));
    if (step.kind === 'annulment') live.delete(`${step.issuer}|${step.number}`);
  }
  return [...live.values()];
}

const ids = (refs: unknown) => ((refs as Ref[] | undefined) ?? []).map((r) => r['@id'].replace('urn:uuid:', '')).sort();
const value = (node: Node, property: string) => (node[property] as { '@value': string }[] | undefined)?.[0]?.['@value'];

describe('GET /api/v1/export/org over the province scenario (real HTTP)', () => {
  let client: RegisterClient;
  let load: ScenarioLoadReport;
  let auditor: string;
  let nodes: Node[];
  const byId = new Map<string, Node>();
  const isA = (node: Node, type: string) => node['@type']?.includes(type) ?? false;
  const exportAs = (query: string, token = auditor) => client.get(`/api/v1/export/org?${query}`, { token });

  beforeAll(async () => {
    client = await RegisterClient.start();
    load = await loadScenario(client.store(), scenario);
    const runner = client.running.app.get(ProjectionRunner);
    if (!(await runner.waitUntil(load.lastPosition, CATCH_UP_MS))) throw new Error(`read models did not reach ${load.lastPosition}`);
    auditor = await client.token('auditor');
    const response = await exportAs(`asOf=${AS_OF}&format=jsonld`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    const noRemoteContext = (url: string) => {
      throw new Error(`the export asked for a remote context: ${url}`);
    };
    nodes = (await jsonld.expand((await response.json()) as jsonld.JsonLdDocument, { safe: true, documentLoader: noRemoteContext } as jsonld.Options.Expand)) as Node[];
    nodes.forEach((node) => byId.set(node['@id'], node));
  }, CATCH_UP_MS + 120_000);

  afterAll(() => client?.close());

  it('expands in safe mode (no dropped term, no remote context) to one change event per structural operation of the scenario', () => {
    const expected = Object.fromEntries(Object.keys(STRUCTURAL).map((type) => [type, 0]));
    for (const decision of decisionsInForce()) for (const op of decision.operations) if (op.type in expected && decision.effectiveDate <= AS_OF) expected[op.type] += 1;
    const events = nodes.filter((node) => isA(node, `${ORG}ChangeEvent`));
    const found = Object.fromEntries(Object.entries(STRUCTURAL).map(([type, name]) => [type, events.filter((node) => isA(node, `${VOCAB}${name}`)).length]));
    expect(found).toEqual(expected);
    expect(events.length).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
    expect(expected.CONSOLIDATE).toBeGreaterThan(0);
  });

  it('follows a consolidation from its original organizations through the event to the resulting one, as GET /units/{id}/lineage does', async () => {
    const [wrong, corrected] = scenario.steps.flatMap((s) => (s.kind === 'decisions' ? s.decisions : [])).filter((d) => d.number === '2156/QĐ-UBND');
    const decision = nodes.find((node) => isA(node, `${VOCAB}Decision`) && value(node, `${DCT}identifier`) === '2156/QĐ-UBND') as Node;
    const [event, ...others] = nodes.filter((node) => isA(node, `${VOCAB}Consolidation`) && ids(node[`${DCT}source`])[0] === decision['@id'].replace('urn:uuid:', ''));
    expect(others).toEqual([]);

    const original = ids(event[`${ORG}originalOrganization`]);
    const [resulting, ...more] = ids(event[`${ORG}resultingOrganization`]);
    expect(more).toEqual([]);
    const op = corrected.operations[0];
    if (op.type !== 'CONSOLIDATE' || wrong.operations[0].type !== 'CONSOLIDATE') throw new Error('2156/QĐ-UBND is a consolidation in the fixture');
    expect(original).toEqual(op.sourceUnitCodes.map((code) => load.unitIds[code]).sort());
    const kindergarten = wrong.operations[0].sourceUnitCodes.find((code) => !op.sourceUnitCodes.includes(code)) as string;
    expect(original).not.toContain(load.unitIds[kindergarten]);
    expect(resulting).toBe(load.unitIds[op.newUnit.code]);

    const lineage = (await (await client.get(`/api/v1/units/${resulting}/lineage`, { token: auditor })).json()) as Lineage;
    expect(lineage.predecessors.map((p) => p.unitId).sort()).toEqual(original);
    expect(new Set(lineage.predecessors.map((p) => `${p.changeType} ${p.effectiveDate}`))).toEqual(new Set([`CONSOLIDATE ${value(event, `${DCT}date`)}`]));
    expect(ids(byId.get(`urn:uuid:${resulting}`)?.[`${ORG}resultedFrom`])).toContain(event['@id'].replace('urn:uuid:', ''));
    for (const unitId of original) expect(ids(byId.get(`urn:uuid:${unitId}`)?.[`${ORG}changedBy`])).toContain(event['@id'].replace('urn:uuid:', ''));
    expect(value(decision, `${VOCAB}issuer`)).toBe(corrected.issuer);
  });

  it('lists every unit standing on asOf (ended ones too) under its governing body, classified by sector', async () => {
    const units = (await (await client.get(`/api/v1/units?asOf=${AS_OF}&status=ALL&pageSize=1`, { token: auditor })).json()) as { total: number };
    const exported = nodes.filter((node) => isA(node, `${ORG}FormalOrganization`) && node[`${ORG}classification`]);
    expect(exported.length).toBe(units.total);
    const bodyOf = (node: Node) => byId.get(`urn:uuid:${ids(node[`${ORG}subOrganizationOf`])[0]}`);
    expect(exported.filter((node) => !bodyOf(node) || bodyOf(node)?.[`${ORG}classification`]).map((node) => node['@id'])).toEqual([]);
  });

  it('answers Popolo JSON: bodies and units, dated former names, dissolution dates, parents in the list', async () => {
    const response = await exportAs(`asOf=${AS_OF}&format=popolo`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const { organizations } = (await response.json()) as Popolo;
    const units = organizations.filter((o) => o.classification !== 'GOVERNING_BODY');
    const bodies = new Set(organizations.filter((o) => o.classification === 'GOVERNING_BODY').map((o) => o.id));
    expect(units.length).toBe(nodes.filter((node) => node[`${ORG}classification`]).length);
    expect(bodies.size).toBe(scenario.bodies.length);
    expect(units.every((u) => u.parent_id !== undefined && bodies.has(u.parent_id) && u.identifiers.length === 1)).toBe(true);
    expect(units.filter((u) => u.dissolution_date).length).toBe(nodes.filter((node) => node[`${ORG}classification`] && node['http://www.w3.org/ns/prov#invalidatedAtTime']).length);
    expect(units.some((u) => u.other_names.some((n) => n.end_date))).toBe(true);
  });

  it('answers CSV: UTF-8 with a BOM, a header row, one row per unit of the export, as a dated attachment', async () => {
    const response = await exportAs(`asOf=${AS_OF}&format=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="org-${AS_OF}.csv"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(Buffer.from(bytes), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(nodes.filter((node) => node[`${ORG}classification`]).length);
    const consolidated = rows.filter((row) => row.establishedBy === 'CONSOLIDATE');
    expect(consolidated.length).toBeGreaterThan(0);
    expect(consolidated.every((row) => row.predecessorCodes.split(';').length >= 2)).toBe(true);
  });

  it('names CSV headers and coded cells for people with lang=vi|en, row for row the same units', async () => {
    const read = async (query: string) => parse(Buffer.from(await (await exportAs(query)).arrayBuffer()), { bom: true, columns: true }) as Record<string, string>[];
    const coded = await read(`asOf=${AS_OF}&format=csv`);
    const vi = await read(`asOf=${AS_OF}&format=csv&lang=vi`);
    const en = await read(`asOf=${AS_OF}&format=csv&lang=en`);
    expect(vi.map((row) => row['Mã đơn vị'])).toEqual(coded.map((row) => row.code));
    expect(en.map((row) => row.Code)).toEqual(coded.map((row) => row.code));
    const index = coded.findIndex((row) => row.establishedBy === 'CONSOLIDATE');
    expect(vi[index]['Hình thức thành lập']).toBe('Hợp nhất');
    expect(en[index]['Established by']).toBe('Consolidate');
    expect(new Set(vi.map((row) => row['Khối']))).toEqual(new Set(coded.map((row) => (row.system === 'GOVERNMENT' ? 'Khối chính quyền' : 'Khối Đảng, đoàn thể'))));
  });

  it('defaults asOf to today in the province', async () => {
    const response = await exportAs('format=popolo');
    expect(response.status).toBe(200);
    const { organizations } = (await response.json()) as Popolo;
    expect(organizations.length).toBeGreaterThan(scenario.bodies.length);
  });

  it.each([
    ['an unknown format', `asOf=${AS_OF}&format=xml`, 'format'],
    ['an impossible date', 'asOf=2023-02-30', 'asOf'],
    ['a date that is not ISO', 'asOf=31/12/2023&format=csv', 'asOf'],
  ])('refuses %s with 400 naming the field', async (_case, query, field) => {
    const problem = await expectProblem(await exportAs(query), 400, 'VALIDATION_FAILED');
    expect((problem.errors as { path?: string }[]).map((e) => e.path)).toContain(field);
  });

  it('is for auditors and admins only: 403 for a proposer, 401 without a token', async () => {
    expect((await exportAs(`asOf=${AS_OF}&format=csv`, await client.token('admin'))).status).toBe(200);
    await expectProblem(await exportAs(`asOf=${AS_OF}`, await client.token('proposer')), 403, 'FORBIDDEN');
    await expectProblem(await fetch(`${client.running.url}/api/v1/export/org?asOf=${AS_OF}`), 401, 'UNAUTHENTICATED');
  });
});
