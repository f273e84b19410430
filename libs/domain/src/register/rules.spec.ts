import { DECREE_120_IN_EFFECT, RULES, autonomyDoesNotDecrease, newUnitHasMinimumStaffing, quotaDoesNotIncrease, ruleInEffect } from './rules';

describe('rules as named predicates', () => {
  it('names every rule by the code it answers with', () => {
    for (const [name, rule] of Object.entries(RULES)) expect(rule.code).toBe(name);
  });

  it('puts Decree 120\'s rules in effect from 2020-12-01 and the register\'s integrity rules always', () => {
    expect(DECREE_120_IN_EFFECT).toBe('2020-12-01');
    expect(ruleInEffect(RULES.QUOTA_MUST_NOT_INCREASE, '2020-11-30')).toBe(false);
    expect(ruleInEffect(RULES.QUOTA_MUST_NOT_INCREASE, '2020-12-01')).toBe(true);
    expect(ruleInEffect(RULES.UNIT_NOT_ACTIVE, '1990-01-01')).toBe(true);
  });

  it('newUnitHasMinimumStaffing: 15 or more, or basic essential', () => {
    expect(newUnitHasMinimumStaffing({ code: 'A', staffingQuota: 15 }, '2021-01-01', 'p')).toBeUndefined();
    expect(newUnitHasMinimumStaffing({ code: 'A', staffingQuota: 14, basicEssentialService: true }, '2021-01-01', 'p')).toBeUndefined();
    expect(newUnitHasMinimumStaffing({ code: 'A', staffingQuota: 14 }, '2021-01-01', 'p')).toMatchObject({ code: 'MIN_STAFFING_FOR_NEW_UNIT', path: 'p' });
  });

  it('quotaDoesNotIncrease: equal is fine, one more is not', () => {
    expect(quotaDoesNotIncrease(70, 70, '2021-01-01', 'x')).toBeUndefined();
    expect(quotaDoesNotIncrease(70, 71, '2021-01-01', 'x')?.code).toBe('QUOTA_MUST_NOT_INCREASE');
  });

  it('autonomyDoesNotDecrease: compares with the most autonomous source', () => {
    expect(autonomyDoesNotDecrease(['G4', 'G2'], 'G2', '2021-01-01', 'x')).toBeUndefined();
    expect(autonomyDoesNotDecrease(['G4', 'G2'], 'G1', '2021-01-01', 'x')).toBeUndefined();
    const refused = autonomyDoesNotDecrease(['G4', 'G2'], 'G3', '2021-01-01', 'x', 'p');
    expect(refused).toMatchObject({ code: 'AUTONOMY_MUST_NOT_DECREASE', path: 'p' });
    expect(refused?.detail).toContain('G3');
  });
});
