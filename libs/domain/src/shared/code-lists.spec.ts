import { AUTONOMY_GROUP_CODES, OPERATION_TYPE_CODES, REORGANISATIONS, SECTORS, SECTOR_CODES, autonomyRank, mostAutonomous, sectorOn } from './code-lists';

describe('code lists', () => {
  it('ranks autonomy groups with G1 the most autonomous', () => {
    expect(AUTONOMY_GROUP_CODES.map(autonomyRank)).toEqual([1, 2, 3, 4]);
  });

  it('picks the most autonomous group of several', () => {
    expect(mostAutonomous(['G4', 'G2', 'G3'])).toBe('G2');
    expect(mostAutonomous(['G4'])).toBe('G4');
  });

  it('lists the ten operation types and the eleven sectors of docs/domain.md#code-lists first, then the codes added in 2025', () => {
    expect(OPERATION_TYPE_CODES).toHaveLength(10);
    expect(SECTOR_CODES.slice(0, 11)).toEqual(['EDUCATION', 'HEALTH', 'CULTURE', 'AGRICULTURE', 'FORESTRY', 'IT', 'LABOUR_SOCIAL', 'ENVIRONMENT', 'SCIENCE', 'CONSTRUCTION', 'OTHER']);
    expect(SECTOR_CODES.slice(11)).toEqual(['AGRICULTURE_ENVIRONMENT', 'VOCATIONAL_EDUCATION', 'PRESS_BROADCASTING', 'TRANSPORT', 'EMPLOYMENT', 'SOCIAL_PROTECTION', 'ECONOMIC']);
  });

  describe('sectors by date (the 2025 list from 2025-03-01)', () => {
    it('keeps the old codes valid up to 2025-02-28 and retires them from 2025-03-01', () => {
      for (const code of ['AGRICULTURE', 'FORESTRY', 'IT', 'LABOUR_SOCIAL', 'ENVIRONMENT']) {
        expect(sectorOn(code, '2025-02-28')?.code).toBe(code);
        expect(sectorOn(code, '2025-03-01')).toBeUndefined();
      }
    });

    it('opens AGRICULTURE_ENVIRONMENT on 2025-03-01 and not before', () => {
      expect(sectorOn('AGRICULTURE_ENVIRONMENT', '2025-02-28')).toBeUndefined();
      expect(sectorOn('AGRICULTURE_ENVIRONMENT', '2025-03-01')?.name_vi).toBe('Nông nghiệp và môi trường');
    });

    it('keeps the sectors that did not change valid on both sides, and names the successors of every retired code', () => {
      for (const code of ['EDUCATION', 'HEALTH', 'CULTURE', 'SCIENCE', 'CONSTRUCTION', 'OTHER', 'VOCATIONAL_EDUCATION', 'TRANSPORT']) {
        expect([sectorOn(code, '2019-01-01')?.code, sectorOn(code, '2026-01-01')?.code]).toEqual([code, code]);
      }
      const retired = SECTORS.filter((s): s is (typeof SECTORS)[number] & { replacedBy: readonly string[] } => 'replacedBy' in s);
      expect(retired.map((s) => s.code)).toEqual(['AGRICULTURE', 'FORESTRY', 'IT', 'LABOUR_SOCIAL', 'ENVIRONMENT']);
      for (const s of retired) for (const successor of s.replacedBy) expect(sectorOn(successor, '2025-03-01')).toBeDefined();
    });

    it('knows no unknown code', () => {
      expect(sectorOn('FISHERIES', '2020-01-01')).toBeUndefined();
    });
  });

  it('counts consolidate, absorb, divide and separate as reorganisations, not establish or dissolve', () => {
    expect([...REORGANISATIONS].sort()).toEqual(['ABSORB', 'CONSOLIDATE', 'DIVIDE', 'SEPARATE']);
  });
});
