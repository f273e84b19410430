import * as jsonld from 'jsonld';
import { type DecisionRef, SECTOR_CODES } from '@reorg/domain';
import type { ChangeEvent, ExportUnit, OrgExport } from './org-export';
import { orgCsv } from './org-csv';
import { orgJsonLd } from './org-jsonld';
import { orgPopolo } from './org-popolo';
import { namePeriods } from './org-export.queries';
import { changeEventIri, decisionIri } from './org-vocabulary';
import { startOfDay } from './province-time';

const PROVINCE = 'Asia/Ho_Chi_Minh';
const ORG = 'http://www.w3.org/ns/org#';
const VOCAB = 'https://w3id.org/reorg/vocab#';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [PPC, HEALTH, A, B, C] = [1, 2, 3, 4, 5].map(uuid);

const DECISION: DecisionRef = { key: 'UBND tỉnh|11/QĐ-UBND', number: '11/QĐ-UBND', date: '2018-02-20', effectiveDate: '2018-03-01', issuer: 'UBND tỉnh', signer: 'Nguyễn Văn A' };
const CONSOLIDATION: ChangeEvent = { operation: 'CONSOLIDATE', operationIndex: 0, effectiveDate: '2018-03-01', decision: DECISION, originalUnitIds: [A, B], resultingUnitIds: [C] };

function unit(unitId: string, code: string, name: string, extra: Partial<ExportUnit> = {}): ExportUnit {
  return {
    unitId, code, name, system: 'GOVERNMENT', governingBodyId: HEALTH, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 30,
    status: 'ACTIVE', establishedOn: '2017-12-31', validFrom: '2017-12-31', version: 1, names: [{ name, from: '2017-12-31' }], ...extra,
  };
}

const SAMPLE: OrgExport = {
  asOf: '2018-12-31',
  bodies: [
    { id: PPC, code: 'UBND', name: 'UBND tỉnh Sơn Hà', system: 'GOVERNMENT', level: 'PROVINCE', status: 'ACTIVE', names: [{ name: 'UBND tỉnh Sơn Hà' }] },
    { id: HEALTH, code: 'SYT', name: 'Sở Y tế', system: 'GOVERNMENT', level: 'PROVINCE', parentId: PPC, status: 'ACTIVE', names: [{ name: 'Sở Y tế' }] },
  ],
  units: [
    unit(A, 'BV-01', 'Bệnh viện "Đa khoa", tỉnh', {
      status: 'MERGED', endedOn: '2018-03-01', validFrom: '2018-03-01', version: 3,
      names: [{ name: 'Bệnh viện tỉnh', from: '2017-12-31', until: '2018-01-15' }, { name: 'Bệnh viện "Đa khoa", tỉnh', from: '2018-01-15' }],
    }),
    unit(B, 'BV-02', 'Bệnh viện Lao', { status: 'MERGED', endedOn: '2018-03-01', validFrom: '2018-03-01', version: 2 }),
    unit(C, 'BV-12', 'Bệnh viện Đa khoa Sơn Hà', { staffingQuota: 60, establishedOn: '2018-03-01', validFrom: '2018-03-01', basicEssentialService: true, names: [{ name: 'Bệnh viện Đa khoa Sơn Hà', from: '2018-03-01' }] }),
  ],
  changeEvents: [CONSOLIDATION],
};

type Node = Record<string, unknown> & { '@id'?: string; '@type'?: string[] };
const noRemoteContext = () => {
  throw new Error('the export must not need a remote context');
};

async function expanded(document: object): Promise<Node[]> {
  return (await jsonld.expand(document as jsonld.JsonLdDocument, { safe: true, documentLoader: noRemoteContext } as jsonld.Options.Expand)) as Node[];
}

describe('the JSON-LD export', () => {
  let nodes: Node[];
  const node = (id: string) => nodes.find((n) => n['@id'] === id) as Node;

  beforeAll(async () => {
    nodes = await expanded(orgJsonLd(SAMPLE, { timeZone: PROVINCE }));
  });

  it('expands in safe mode with no remote context: no term is dropped', async () => {
    // The sector scheme and one concept per code of the (dated) sector list.
    expect(nodes.length).toBe(6 + 4 + (1 + SECTOR_CODES.length) + 2 + 3 + 1 + 1);
    const dropped = { ...orgJsonLd(SAMPLE, { timeZone: PROVINCE }), '@graph': [{ '@id': `urn:uuid:${A}`, name: 'no term' }] };
    await expect(expanded(dropped)).rejects.toThrow('Safe mode validation error');
  });

  it('makes the consolidation an org:ChangeEvent of the reorg:Consolidation class, with both sides, the instant and the decision', () => {
    expect(node(changeEventIri(CONSOLIDATION))).toEqual({
      '@id': changeEventIri(CONSOLIDATION),
      '@type': [`${ORG}ChangeEvent`, `${VOCAB}Consolidation`],
      'http://www.w3.org/ns/prov#startedAtTime': [{ '@value': '2018-03-01T00:00:00+07:00', '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' }],
      'http://purl.org/dc/terms/date': [{ '@value': '2018-03-01', '@type': 'http://www.w3.org/2001/XMLSchema#date' }],
      [`${ORG}originalOrganization`]: [{ '@id': `urn:uuid:${A}` }, { '@id': `urn:uuid:${B}` }],
      [`${ORG}resultingOrganization`]: [{ '@id': `urn:uuid:${C}` }],
      'http://purl.org/dc/terms/source': [{ '@id': decisionIri(DECISION.key) }],
    });
    expect(node(decisionIri(DECISION.key))).toMatchObject({
      '@type': [`${VOCAB}Decision`],
      'http://purl.org/dc/terms/identifier': [{ '@value': '11/QĐ-UBND' }],
      'http://purl.org/dc/terms/issued': [{ '@value': '2018-02-20', '@type': 'http://www.w3.org/2001/XMLSchema#date' }],
      [`${VOCAB}issuer`]: [{ '@value': 'UBND tỉnh' }],
    });
    expect(node(`${VOCAB}Consolidation`)).toMatchObject({ 'http://www.w3.org/2000/01/rdf-schema#subClassOf': [{ '@id': `${ORG}ChangeEvent` }] });
  });

  it('places units under their body, classified by sector, with former names and the inverse links of the event', () => {
    expect(node(`urn:uuid:${A}`)).toEqual({
      '@id': `urn:uuid:${A}`,
      '@type': [`${ORG}FormalOrganization`],
      'http://www.w3.org/2004/02/skos/core#prefLabel': [{ '@value': 'Bệnh viện "Đa khoa", tỉnh', '@language': 'vi' }],
      'http://www.w3.org/2004/02/skos/core#altLabel': [{ '@value': 'Bệnh viện tỉnh', '@language': 'vi' }],
      [`${ORG}identifier`]: [{ '@value': 'BV-01' }],
      [`${ORG}subOrganizationOf`]: [{ '@id': `urn:uuid:${HEALTH}` }],
      [`${ORG}classification`]: [{ '@id': 'https://w3id.org/reorg/sector/HEALTH' }],
      'http://www.w3.org/ns/prov#generatedAtTime': [{ '@value': '2017-12-31T00:00:00+07:00', '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' }],
      'http://www.w3.org/ns/prov#invalidatedAtTime': [{ '@value': '2018-03-01T00:00:00+07:00', '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' }],
      [`${ORG}changedBy`]: [{ '@id': changeEventIri(CONSOLIDATION) }],
    });
    expect(node(`urn:uuid:${C}`)[`${ORG}resultedFrom`]).toEqual([{ '@id': changeEventIri(CONSOLIDATION) }]);
    expect(node(`urn:uuid:${HEALTH}`)[`${ORG}subOrganizationOf`]).toEqual([{ '@id': `urn:uuid:${PPC}` }]);
    expect(node('https://w3id.org/reorg/sector/HEALTH')['http://www.w3.org/2004/02/skos/core#prefLabel']).toContainEqual({ '@value': 'Y tế', '@language': 'vi' });
  });

  it('identifies decisions and change events by name-based UUIDs, the same in every export', () => {
    expect(changeEventIri(CONSOLIDATION)).toBe(changeEventIri({ ...CONSOLIDATION, originalUnitIds: [] }));
    expect(changeEventIri(CONSOLIDATION)).not.toBe(changeEventIri({ ...CONSOLIDATION, operationIndex: 1 }));
    expect(decisionIri(DECISION.key)).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
  });
});

describe('the Popolo export', () => {
  it('lists bodies then units, with identifiers, dated former names, founding, dissolution and parent', () => {
    expect(orgPopolo(SAMPLE).organizations).toEqual([
      { id: PPC, name: 'UBND tỉnh Sơn Hà', classification: 'GOVERNING_BODY', identifiers: [{ scheme: 'reorg:code', identifier: 'UBND' }], other_names: [] },
      { id: HEALTH, name: 'Sở Y tế', classification: 'GOVERNING_BODY', identifiers: [{ scheme: 'reorg:code', identifier: 'SYT' }], other_names: [], parent_id: PPC },
      {
        id: A, name: 'Bệnh viện "Đa khoa", tỉnh', classification: 'HEALTH', identifiers: [{ scheme: 'reorg:code', identifier: 'BV-01' }],
        other_names: [{ name: 'Bệnh viện tỉnh', start_date: '2017-12-31', end_date: '2018-01-15' }], founding_date: '2017-12-31', dissolution_date: '2018-03-01', parent_id: HEALTH,
      },
      { id: B, name: 'Bệnh viện Lao', classification: 'HEALTH', identifiers: [{ scheme: 'reorg:code', identifier: 'BV-02' }], other_names: [], founding_date: '2017-12-31', dissolution_date: '2018-03-01', parent_id: HEALTH },
      { id: C, name: 'Bệnh viện Đa khoa Sơn Hà', classification: 'HEALTH', identifiers: [{ scheme: 'reorg:code', identifier: 'BV-12' }], other_names: [], founding_date: '2018-03-01', parent_id: HEALTH },
    ]);
  });
});

describe('the CSV export', () => {
  it('is UTF-8 with a BOM, CRLF, quoted where RFC 4180 needs it, one row per unit with its lineage', () => {
    const csv = orgCsv(SAMPLE);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'unitId,code,name,system,governingBodyId,governingBodyCode,governingBodyName,level,sector,autonomyGroup,staffingQuota,basicEssentialService,status,establishedOn,endedOn,establishedBy,establishedByDecision,endedBy,endedByDecision,predecessorCodes,successorCodes',
      `${A},BV-01,"Bệnh viện ""Đa khoa"", tỉnh",GOVERNMENT,${HEALTH},SYT,Sở Y tế,PROVINCE,HEALTH,G3,30,,MERGED,2017-12-31,2018-03-01,,,CONSOLIDATE,11/QĐ-UBND,,BV-12`,
      `${B},BV-02,Bệnh viện Lao,GOVERNMENT,${HEALTH},SYT,Sở Y tế,PROVINCE,HEALTH,G3,30,,MERGED,2017-12-31,2018-03-01,,,CONSOLIDATE,11/QĐ-UBND,,BV-12`,
      `${C},BV-12,Bệnh viện Đa khoa Sơn Hà,GOVERNMENT,${HEALTH},SYT,Sở Y tế,PROVINCE,HEALTH,G3,60,true,ACTIVE,2018-03-01,,CONSOLIDATE,11/QĐ-UBND,,,BV-01;BV-02,`,
      '',
    ]);
  });
});

describe('name periods', () => {
  const version = (name: string, validFrom: string, validTo: string | null) => ({ id: A, name, validFrom, validTo });

  it('joins consecutive versions with the same name and ends a name on the date the next one takes effect', () => {
    const versions = [version('B', '2019-05-01', '2020-01-01'), version('A', '2017-12-31', '2018-06-01'), version('A', '2018-06-01', '2019-05-01'), version('C', '2020-01-01', null)];
    expect(namePeriods(versions, '2030-01-01')).toEqual([{ name: 'A', from: '2017-12-31', until: '2019-05-01' }, { name: 'B', from: '2019-05-01', until: '2020-01-01' }, { name: 'C', from: '2020-01-01' }]);
    expect(namePeriods(versions, '2019-12-31')).toEqual([{ name: 'A', from: '2017-12-31', until: '2019-05-01' }, { name: 'B', from: '2019-05-01' }]);
  });

  it('leaves the start of a name adopted before the register knew the body unknown', () => {
    expect(namePeriods([version('UBND huyện', '0000-01-01', '2023-07-01'), version('UBND huyện', '2023-07-01', null)], '2024-01-01')).toEqual([{ name: 'UBND huyện' }]);
  });
});

describe('startOfDay', () => {
  it.each([
    ['2023-07-01', 'Asia/Ho_Chi_Minh', '2023-07-01T00:00:00+07:00'],
    ['2023-07-01', 'UTC', '2023-07-01T00:00:00+00:00'],
    ['2023-07-01', 'Europe/Paris', '2023-07-01T00:00:00+02:00'],
    ['2023-01-15', 'America/New_York', '2023-01-15T00:00:00-05:00'],
  ])('%s in %s starts at %s', (date, zone, instant) => {
    expect(startOfDay(date, zone)).toBe(instant);
    expect(new Date(instant).toLocaleDateString('en-CA', { timeZone: zone })).toBe(date);
  });
});
