export * from './approval-policy.schema';
export * from './approval-service';
export * from './inbox-row.entity';
export * from './inbox.projection';
export * from './inbox.queries';
export * from './proposal-history';
