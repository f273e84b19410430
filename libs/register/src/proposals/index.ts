export * from './attachment-store';
export * from './decide-and-append';
export * from './proposal-service';
export * from './proposal-view';
export * from './proposal-row.entity';
export * from './proposals.projection';
export * from './proposal.queries';
export * from './proposal-preview';
