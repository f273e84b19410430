export * from './proposal-view';
export * from './proposal-row.entity';
export * from './proposals.projection';
export * from './proposal.queries';
