export * from './inbox-row.entity';
export * from './inbox.projection';
export * from './inbox.queries';
