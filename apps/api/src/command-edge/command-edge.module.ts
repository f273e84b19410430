import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { AppConfig } from '@reorg/config';
import { IdempotencyModule } from '../idempotency';
import { RateLimitModule } from '../rate-limit';
import { ReadYourWrites } from './read-your-writes';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor';

/**
 * The edge every write passes before and after the CommandBus, in this order: the per-token rate
 * limit (429), the Idempotency-Key (a repeat answers the stored response without running), then
 * read-your-writes (the answer waits for the read models to include the command's events).
 * Global interceptors; controllers only build the command and send it.
 */
@Module({})
export class CommandEdgeModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CommandEdgeModule,
      imports: [RateLimitModule.forRoot(config.rateLimit, config.eventStore), IdempotencyModule.forRoot(config)],
      providers: [ReadYourWrites, { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor }],
    };
  }
}
