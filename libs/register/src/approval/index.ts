export * from './approval-policy.schema';
export * from './approval-service';
export * from './proposal-history';
