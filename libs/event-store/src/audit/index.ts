export * from './walk-log';
export * from './verify-log';
export * from './audit-keys';
export * from './checkpoint';
export * from './checkpoint-extension';
export * from './checkpoint-operations';
