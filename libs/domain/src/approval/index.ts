export * from './approval-policy';
export * from './review-round';
export * from './working-days';
export * from './approval-process';
