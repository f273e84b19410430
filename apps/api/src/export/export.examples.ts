import { type OrgExport, orgCsv, orgJsonLd, orgPopolo } from '@reorg/read-models/org-export';

const DECISION = { key: 'UBND tỉnh Sơn Hà|1234/QĐ-UBND', number: '1234/QĐ-UBND', date: '2019-06-20', effectiveDate: '2019-07-01', issuer: 'UBND tỉnh Sơn Hà', signer: 'Trần Văn B' };
const BODY = '5b0f3c0e-8a4e-4c57-9d0e-0c1f1f5a2b10';
const [A, B, C] = ['0b6e2c48-1f6a-4d3b-8f61-6d1c2b7e9a01', '0b6e2c48-1f6a-4d3b-8f61-6d1c2b7e9a02', '0b6e2c48-1f6a-4d3b-8f61-6d1c2b7e9a03'];
const unit = { system: 'GOVERNMENT', governingBodyId: BODY, level: 'DISTRICT', sector: 'HEALTH', autonomyGroup: 'G3', version: 2 };

/** A consolidation of two district health centres, in the three formats: the OpenAPI examples, made by the mappers themselves. */
const SAMPLE: OrgExport = {
  asOf: '2019-12-31',
  bodies: [{ id: BODY, code: 'SYT', name: 'Sở Y tế', system: 'GOVERNMENT', level: 'PROVINCE', status: 'ACTIVE', names: [{ name: 'Sở Y tế' }] }],
  units: [
    { ...unit, unitId: A, code: 'TTYT-HA', name: 'Trung tâm Y tế huyện Hòa An', staffingQuota: 40, status: 'MERGED', establishedOn: '2017-12-31', endedOn: '2019-07-01', validFrom: '2019-07-01', names: [{ name: 'Trung tâm Y tế huyện Hòa An', from: '2017-12-31' }] },
    { ...unit, unitId: B, code: 'TTYT-TP', name: 'Trung tâm Y tế thành phố', staffingQuota: 35, status: 'MERGED', establishedOn: '2017-12-31', endedOn: '2019-07-01', validFrom: '2019-07-01', names: [{ name: 'Trung tâm Y tế thành phố', from: '2017-12-31' }] },
    { ...unit, unitId: C, code: 'TTYT-SH', name: 'Trung tâm Y tế Sơn Hà', staffingQuota: 70, status: 'ACTIVE', establishedOn: '2019-07-01', validFrom: '2019-07-01', version: 1, names: [{ name: 'Trung tâm Y tế Sơn Hà', from: '2019-07-01' }] },
  ],
  changeEvents: [{ operation: 'CONSOLIDATE', operationIndex: 0, effectiveDate: '2019-07-01', decision: DECISION, originalUnitIds: [A, B], resultingUnitIds: [C] }],
};

const jsonld = orgJsonLd(SAMPLE, { timeZone: 'Asia/Ho_Chi_Minh' }) as { '@context': object; '@graph': object[] };

export const EXPORT_EXAMPLES = {
  /** Without the vocabulary and sector declarations every export starts with. */
  jsonld: { ...jsonld, '@graph': jsonld['@graph'].filter((node) => !/^(reorg|sector):|^https:/.test(String((node as { '@id': string })['@id']))) },
  popolo: orgPopolo(SAMPLE),
  csv: orgCsv(SAMPLE).replace(/^\uFEFF/, ''),
};
