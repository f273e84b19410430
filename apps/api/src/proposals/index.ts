export { ProposalsModule, PROPOSAL_PROJECTIONS } from './proposals.module';
