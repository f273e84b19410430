import { AUTONOMY_GROUP_CODES, OPERATION_TYPE_CODES, REORGANISATIONS, SECTOR_CODES, autonomyRank, mostAutonomous } from './code-lists';

describe('code lists', () => {
  it('ranks autonomy groups with G1 the most autonomous', () => {
    expect(AUTONOMY_GROUP_CODES.map(autonomyRank)).toEqual([1, 2, 3, 4]);
  });

  it('picks the most autonomous group of several', () => {
    expect(mostAutonomous(['G4', 'G2', 'G3'])).toBe('G2');
    expect(mostAutonomous(['G4'])).toBe('G4');
  });

  it('lists the ten operation types and the eleven sectors of docs/domain.md#code-lists', () => {
    expect(OPERATION_TYPE_CODES).toHaveLength(10);
    expect(SECTOR_CODES).toEqual(['EDUCATION', 'HEALTH', 'CULTURE', 'AGRICULTURE', 'FORESTRY', 'IT', 'LABOUR_SOCIAL', 'ENVIRONMENT', 'SCIENCE', 'CONSTRUCTION', 'OTHER']);
  });

  it('counts consolidate, absorb, divide and separate as reorganisations, not establish or dissolve', () => {
    expect([...REORGANISATIONS].sort()).toEqual(['ABSORB', 'CONSOLIDATE', 'DIVIDE', 'SEPARATE']);
  });
});
