export * from './idempotency-record.entity';
export * from './idempotency-binding.entity';
export * from './idempotency-binding';
export * from './idempotency-keys';
