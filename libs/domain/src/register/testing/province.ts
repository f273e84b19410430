import { Scenario, baselineUnit } from './given-when-then';

export const BASELINE_DATE = '2017-12-31';

/**
 * A small province at 2017-12-31: three hospitals and a school under government departments,
 * one centre under the Party. Quotas and autonomy groups differ so that sums and "most
 * autonomous" are visible in the specs.
 */
export function givenProvince(): Scenario {
  return Scenario.withStandardBodies().baseline(BASELINE_DATE, [
    baselineUnit('BV-01', { name: 'Bệnh viện Đa khoa tỉnh', autonomyGroup: 'G3', staffingQuota: 40 }),
    baselineUnit('BV-02', { name: 'Bệnh viện Lao và Bệnh phổi', autonomyGroup: 'G2', staffingQuota: 30 }),
    baselineUnit('BV-03', { name: 'Bệnh viện Y học cổ truyền', autonomyGroup: 'G4', staffingQuota: 25 }),
    baselineUnit('TH-01', { name: 'Trường Trung cấp Y tế', governingBodyId: 'body-education', sector: 'EDUCATION', autonomyGroup: 'G4', staffingQuota: 30 }),
    baselineUnit('TT-01', { name: 'Trung tâm Bồi dưỡng chính trị', governingBodyId: 'body-party', sector: 'OTHER', autonomyGroup: 'G4', staffingQuota: 20 }),
  ]);
}
