import { canSeeProposal, proposalReader } from './visibility';

describe('the visibility rule of proposals', () => {
  it('a proposer sees the proposals of the bodies they act for, and no other', () => {
    const proposer = proposalReader(['proposer'], ['body-health']);
    expect(canSeeProposal(proposer, 'body-health')).toBe(true);
    expect(canSeeProposal(proposer, 'body-education')).toBe(false);
    expect(canSeeProposal(proposalReader(['proposer'], []), 'body-health')).toBe(false);
  });

  it('approvers, auditors and admins see every proposal, also when they are proposers too', () => {
    for (const roles of [['doha_appraiser'], ['party_standing_board'], ['ppc_leader'], ['auditor'], ['admin'], ['proposer', 'auditor']]) {
      expect(canSeeProposal(proposalReader(roles, []), 'body-education')).toBe(true);
    }
  });
});
