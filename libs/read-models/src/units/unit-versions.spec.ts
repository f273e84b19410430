import type { UnitAttributes, UnitEvent } from '@reorg/domain';
import { unitLineage, unitVersions } from './unit-versions';

const attributes: UnitAttributes = { code: 'BV1', name: 'Bệnh viện Đa khoa', system: 'GOVERNMENT', governingBodyId: 'b1', level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 40 };
const decision = (key: string, effectiveDate: string) => ({ key, number: key, date: effectiveDate, effectiveDate, issuer: 'UBND', signer: 'A' });
const registered: UnitEvent = { type: 'UnitRegistered', data: { unitId: 'u1', attributes, effectiveDate: '2017-12-31', registeredAsOf: '2017-12-31' } };
const renamed = (key: string, effectiveDate: string, name: string): UnitEvent => ({
  type: 'UnitRenamed',
  data: { unitId: 'u1', effectiveDate, decision: decision(key, effectiveDate), operationIndex: 0, name, previousName: attributes.name },
});

describe('unitVersions', () => {
  it('has one version per effective change, in effective order whatever the recording order', () => {
    const versions = unitVersions('u1', [registered, renamed('d2', '2021-01-01', 'Tên 2021'), renamed('d1', '2019-01-01', 'Tên 2019')]);
    expect(versions.map((v) => [v.validFrom, v.validTo, v.name, v.version])).toEqual([
      ['2017-12-31', '2019-01-01', 'Bệnh viện Đa khoa', 1],
      ['2019-01-01', '2021-01-01', 'Tên 2019', 2],
      ['2021-01-01', null, 'Tên 2021', 3],
    ]);
    expect(versions[0].search).toBe('bv1 benh vien da khoa');
  });

  it('drops an annulled decision, leaving no version at its date', () => {
    const annulled: UnitEvent = { type: 'UnitDecisionAnnulled', data: { unitId: 'u1', decisionKey: 'd1', effectiveDate: '2019-01-01', annulment: { number: 'x', date: '2019-06-01', reason: 'sai' } } };
    const versions = unitVersions('u1', [registered, renamed('d1', '2019-01-01', 'Tên 2019'), annulled]);
    expect(versions.map((v) => [v.validFrom, v.validTo, v.name])).toEqual([['2017-12-31', null, 'Bệnh viện Đa khoa']]);
  });

  it('ends with a version that names the ending', () => {
    const merged: UnitEvent = { type: 'UnitMerged', data: { unitId: 'u1', effectiveDate: '2020-07-01', decision: decision('d3', '2020-07-01'), operationIndex: 0, operation: 'CONSOLIDATE', successorIds: ['u9'] } };
    const versions = unitVersions('u1', [registered, merged]);
    expect(versions.at(-1)).toMatchObject({ validFrom: '2020-07-01', validTo: null, status: 'MERGED', endedOn: '2020-07-01' });
    expect(unitLineage('u1', [registered, merged])).toEqual([{ predecessorId: 'u1', successorId: 'u9', changeType: 'CONSOLIDATE', effectiveDate: '2020-07-01' }]);
  });
});
