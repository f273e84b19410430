import { type ApprovalPolicy, chooseChain, conditionHolds } from './approval-policy';
import { DEFAULT_POLICY, DEFAULT_POLICY_V2 } from './testing/policies';

const government = (...operationTypes: Parameters<typeof chooseChain>[1]['operationTypes'][number][]) => ({ system: 'GOVERNMENT' as const, level: 'PROVINCE' as const, operationTypes });
const roles = (policy: ApprovalPolicy, facts: Parameters<typeof chooseChain>[1]) => chooseChain(policy, facts)?.steps.map((s) => s.role);

describe('chooseChain (the default policy)', () => {
  it('government reorganisation: DOHA appraisal → Party Standing Board opinion → PPC decision', () => {
    expect(chooseChain(DEFAULT_POLICY, government('ABSORB'))).toEqual({
      policy: { id: 'default', version: 1 },
      chain: 'government',
      decisionIssuer: 'UBND tỉnh',
      steps: [
        { name: 'Thẩm định của Sở Nội vụ', role: 'doha_appraiser', deadlineWorkingDays: 10 },
        { name: 'Ý kiến của Ban Thường vụ Tỉnh ủy', role: 'party_standing_board', deadlineWorkingDays: 10 },
        { name: 'Quyết định của UBND tỉnh', role: 'ppc_leader', deadlineWorkingDays: 7 },
      ],
    });
  });

  it.each(['ESTABLISH', 'CONSOLIDATE', 'ABSORB', 'DIVIDE', 'SEPARATE', 'DISSOLVE'] as const)('asks the Party Standing Board when an operation is %s', (type) => {
    expect(roles(DEFAULT_POLICY, government('RENAME', type))).toEqual(['doha_appraiser', 'party_standing_board', 'ppc_leader']);
  });

  it.each(['RENAME', 'TRANSFER', 'CHANGE_AUTONOMY', 'CHANGE_STAFFING_QUOTA'] as const)('skips the Party step when the only operations are %s', (type) => {
    expect(roles(DEFAULT_POLICY, government(type, type))).toEqual(['doha_appraiser', 'ppc_leader']);
  });

  it('Party/mass units: the Party Standing Board decides, issuing the decision itself', () => {
    const chosen = chooseChain(DEFAULT_POLICY, { system: 'PARTY_MASS', level: 'PROVINCE', operationTypes: ['DISSOLVE'] });
    expect(chosen?.chain).toBe('party-mass');
    expect(chosen?.decisionIssuer).toBe('Ban Thường vụ Tỉnh ủy');
    expect(chosen?.steps.map((s) => s.role)).toEqual(['party_standing_board']);
  });

  it('takes the first chain whose condition holds, e.g. a district-level chain placed before the general one', () => {
    const policy: ApprovalPolicy = {
      ...DEFAULT_POLICY,
      version: 2,
      chains: [{ key: 'district', when: { systems: ['GOVERNMENT'], levels: ['DISTRICT'] }, decisionIssuer: 'UBND tỉnh', steps: [{ name: 'PPC', role: 'ppc_leader', deadlineWorkingDays: 5 }] }, ...DEFAULT_POLICY.chains],
    };
    expect(roles(policy, { system: 'GOVERNMENT', level: 'DISTRICT', operationTypes: ['ABSORB'] })).toEqual(['ppc_leader']);
    expect(roles(policy, government('ABSORB'))).toEqual(['doha_appraiser', 'party_standing_board', 'ppc_leader']);
  });

  it('answers undefined when no chain applies, or when every step of the chain is conditional and none holds', () => {
    const governmentOnly: ApprovalPolicy = { ...DEFAULT_POLICY, chains: [DEFAULT_POLICY.chains[0]] };
    expect(chooseChain(governmentOnly, { system: 'PARTY_MASS', level: 'PROVINCE', operationTypes: ['RENAME'] })).toBeUndefined();
    const conditional: ApprovalPolicy = {
      ...DEFAULT_POLICY,
      chains: [{ key: 'c', when: {}, decisionIssuer: 'X', steps: [{ name: 'P', role: 'party_standing_board', deadlineWorkingDays: 3, when: { operationTypes: ['DISSOLVE'] } }] }],
    };
    expect(chooseChain(conditional, government('RENAME'))).toBeUndefined();
  });
});

describe('chooseChain by level and effective date (policy v2)', () => {
  const commune = (effectiveDate: string, ...operationTypes: Parameters<typeof chooseChain>[1]['operationTypes'][number][]) => ({
    system: 'GOVERNMENT' as const,
    level: 'COMMUNE' as const,
    operationTypes,
    effectiveDate,
  });

  it('given a commune unit proposal effective 2025-11-01, the commune People\'s Committee decides alone', () => {
    expect(chooseChain(DEFAULT_POLICY_V2, commune('2025-11-01', 'DISSOLVE'))).toEqual({
      policy: { id: 'default', version: 2 },
      chain: 'commune',
      decisionIssuer: 'UBND xã',
      steps: [{ name: 'Quyết định của UBND xã', role: 'commune_leader', deadlineWorkingDays: 7 }],
    });
  });

  it('given the same proposal effective 2025-10-31, the province chain applies (Decree 283 not yet in force)', () => {
    const chosen = chooseChain(DEFAULT_POLICY_V2, commune('2025-10-31', 'DISSOLVE'));
    expect(chosen?.chain).toBe('government');
    expect(chosen?.steps.map((s) => s.role)).toEqual(['doha_appraiser', 'party_standing_board', 'ppc_leader']);
  });

  it('a transfer as it is out of a commune stays with the province, also after 2025-11-01', () => {
    expect(chooseChain(DEFAULT_POLICY_V2, commune('2026-01-05', 'TRANSFER'))?.chain).toBe('government');
    expect(chooseChain(DEFAULT_POLICY_V2, commune('2026-01-05', 'RENAME', 'TRANSFER'))?.steps.map((s) => s.role)).toEqual(['doha_appraiser', 'ppc_leader']);
  });

  it('province-level and Party proposals keep their chains on both sides of 2025-11-01', () => {
    for (const effectiveDate of ['2025-10-31', '2025-11-01']) {
      expect(chooseChain(DEFAULT_POLICY_V2, { system: 'GOVERNMENT', level: 'PROVINCE', operationTypes: ['ABSORB'], effectiveDate })?.chain).toBe('government');
      expect(chooseChain(DEFAULT_POLICY_V2, { system: 'PARTY_MASS', level: 'COMMUNE', operationTypes: ['ABSORB'], effectiveDate })?.chain).toBe('party-mass');
    }
  });

  it('a date-bounded condition does not hold without an effective date; effectiveBefore is exclusive', () => {
    expect(conditionHolds({ effectiveFrom: '2025-11-01' }, { system: 'GOVERNMENT', level: 'COMMUNE', operationTypes: [] })).toBe(false);
    const until = { effectiveBefore: '2025-11-01' };
    expect(conditionHolds(until, { ...commune('2025-10-31'), operationTypes: [] })).toBe(true);
    expect(conditionHolds(until, { ...commune('2025-11-01'), operationTypes: [] })).toBe(false);
  });

  it('v1 has no commune chain: a commune proposal after 2025-11-01 goes to the province', () => {
    expect(chooseChain(DEFAULT_POLICY, commune('2025-11-01', 'DISSOLVE'))?.chain).toBe('government');
  });
});
