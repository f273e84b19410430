export { IdempotencyModule } from './idempotency.module';
export { Command } from './command-context.decorator';
export { IDEMPOTENCY_HEADER, commandIdOf } from './idempotency-key';
export { REPLAYED_HEADER } from './idempotency.interceptor';
