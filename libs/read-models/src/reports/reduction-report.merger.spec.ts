import { type ReductionBucket, type ReportVersion, computeReductionReport } from './reduction-report';

const BK = 'BAC_KAN';
const v = (unitId: string, validFrom: string, overrides: Partial<ReportVersion> = {}): ReportVersion => ({
  unitId,
  validFrom,
  status: 'ACTIVE',
  system: 'GOVERNMENT',
  sector: 'HEALTH',
  staffingQuota: 20,
  province: null,
  territory: null,
  ...overrides,
});

/**
 * Thái Nguyên (own) has TN1 and TN2; Bắc Kạn's BK1 and BK2 join on 2025-07-01 (BK2 dissolved before);
 * TN2 moves to another province's register on 2025-09-01 (left, not ended).
 */
const VERSIONS: ReportVersion[] = [
  v('TN1', '2020-01-01'),
  v('TN2', '2020-01-01'),
  v('TN2', '2025-09-01', { province: 'CAO_BANG' }),
  v('BK1', '2020-01-01', { province: BK, territory: BK }),
  v('BK1', '2025-07-01', { territory: BK }),
  v('BK2', '2020-01-01', { province: BK, territory: BK, sector: 'EDUCATION' }),
  v('BK2', '2025-03-01', { province: BK, territory: BK, sector: 'EDUCATION', status: 'DISSOLVED' }),
];
const balanced = (b: ReductionBucket) => b.activeAtStart + b.created - b.ended + b.joined - b.left + b.transferredIn - b.transferredOut === b.activeAtEnd;

describe('the reduction report across a province merger', () => {
  it('given units joining on the merger date and one leaving, then this register counts them joined and left, not created or ended, and every bucket balances', () => {
    const report = computeReductionReport({ from: '2025-01-01', to: '2025-12-31', versions: VERSIONS, changes: [], sectors: ['HEALTH', 'EDUCATION'] });
    expect(report).toMatchObject({ activeAtStart: 2, activeAtEnd: 2, created: 0, ended: 0, joined: 1, left: 1 });
    expect(report.bySystem.GOVERNMENT).toMatchObject({ joined: 1, left: 1 });
    expect(report.byYear).toEqual([{ year: 2025, created: 0, ended: 0, joined: 1, left: 1, netReduction: 0 }]);
    expect([...Object.values(report.bySystem), ...Object.values(report.bySector)].every(balanced)).toBe(true);
  });

  it("given territory=BAC_KAN, then the former province's own figures: its dissolution is an ending, the merger no movement", () => {
    const report = computeReductionReport({ from: '2025-01-01', to: '2025-12-31', versions: VERSIONS, changes: [], sectors: ['HEALTH', 'EDUCATION'], scope: { kind: 'territory', territory: BK } });
    expect(report).toMatchObject({ activeAtStart: 2, activeAtEnd: 1, ended: 1, joined: 0, left: 0 });
  });

  it("given the own territory, then TN2's move to another province is no movement either (it still serves this territory)", () => {
    const report = computeReductionReport({ from: '2025-01-01', to: '2025-12-31', versions: VERSIONS, changes: [], sectors: ['HEALTH'], scope: { kind: 'territory', territory: null } });
    expect(report).toMatchObject({ activeAtStart: 2, activeAtEnd: 2, joined: 0, left: 0 });
  });

  it('given a period before the merger, then the joining province is not in this register at all', () => {
    const report = computeReductionReport({ from: '2024-01-01', to: '2024-12-31', versions: VERSIONS, changes: [], sectors: ['HEALTH'] });
    expect(report).toMatchObject({ activeAtStart: 2, activeAtEnd: 2, joined: 0 });
  });
});
