import type { ApprovalPolicy } from '../approval-policy';

const STRUCTURAL = ['ESTABLISH', 'CONSOLIDATE', 'ABSORB', 'DIVIDE', 'SEPARATE', 'DISSOLVE'] as const;

/** The content of deploy/approval-policy/default.v1.json (a register spec checks they agree). */
export const DEFAULT_POLICY: ApprovalPolicy = {
  id: 'default',
  version: 1,
  chains: [
    {
      key: 'government',
      when: { systems: ['GOVERNMENT'] },
      decisionIssuer: 'UBND tỉnh',
      steps: [
        { name: 'Thẩm định của Sở Nội vụ', role: 'doha_appraiser', deadlineWorkingDays: 10 },
        { name: 'Ý kiến của Ban Thường vụ Tỉnh ủy', role: 'party_standing_board', deadlineWorkingDays: 10, when: { operationTypes: STRUCTURAL } },
        { name: 'Quyết định của UBND tỉnh', role: 'ppc_leader', deadlineWorkingDays: 7 },
      ],
    },
    {
      key: 'party-mass',
      when: { systems: ['PARTY_MASS'] },
      decisionIssuer: 'Ban Thường vụ Tỉnh ủy',
      steps: [{ name: 'Quyết định của Ban Thường vụ Tỉnh ủy', role: 'party_standing_board', deadlineWorkingDays: 10 }],
    },
  ],
};

/** The content of deploy/approval-policy/default.v2.json: v1's chains, and from 2025-11-01 the commune's own chain first. */
export const DEFAULT_POLICY_V2: ApprovalPolicy = {
  id: 'default',
  version: 2,
  chains: [
    {
      key: 'commune',
      when: { systems: ['GOVERNMENT'], levels: ['COMMUNE'], effectiveFrom: '2025-11-01', exceptOperationTypes: ['TRANSFER'] },
      decisionIssuer: 'UBND xã',
      steps: [{ name: 'Quyết định của UBND xã', role: 'commune_leader', deadlineWorkingDays: 7 }],
    },
    ...DEFAULT_POLICY.chains,
  ],
};
