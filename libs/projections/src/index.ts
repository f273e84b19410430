export * from './projection';
export * from './projection-checkpoint.entity';
export * from './projection-runner';
export * from './projections.module';
export * from './read-model-database';
export { BatchApplier } from './batch-applier';
export { readCheckpoint } from './checkpoints';
export { readModelTransaction } from './read-model-transaction';
export type { RetryPolicy } from './retry-delay';
