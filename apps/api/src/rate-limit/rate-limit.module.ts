import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { EventStoreConfig, RateLimitConfig } from '@reorg/config';
import type { DataSource } from 'typeorm';
import { RateLimitInterceptor } from './rate-limit.interceptor';
import { RateLimiter } from './rate-limiter';
import { SharedRateLimiter, inMemory } from './shared-rate-limiter';

/**
 * Per-`sub` limits on the dev token route and on writes (POST, PUT); RATE_LIMIT_ENABLED=false turns them off (benchmarks).
 * On PostgreSQL the counters live in the shared database, so several api instances behind one address hold one limit;
 * the embedded mode (one process) counts in memory.
 */
@Module({})
export class RateLimitModule {
  static forRoot(config: RateLimitConfig, store: EventStoreConfig): DynamicModule {
    if (!config.enabled) return { module: RateLimitModule };
    if (store.kind === 'postgres') {
      const schema = store.schema;
      return {
        module: RateLimitModule,
        providers: [
          {
            provide: APP_INTERCEPTOR,
            inject: [getDataSourceToken()],
            useFactory: (dataSource: DataSource) =>
              new RateLimitInterceptor({
                writes: new SharedRateLimiter(dataSource, schema, 'writes', config.writesPerMinute),
                tokens: new SharedRateLimiter(dataSource, schema, 'tokens', config.tokensPerMinute),
              }),
          },
        ],
      };
    }
    const limiters = { writes: inMemory(new RateLimiter(config.writesPerMinute)), tokens: inMemory(new RateLimiter(config.tokensPerMinute)) };
    return { module: RateLimitModule, providers: [{ provide: APP_INTERCEPTOR, useValue: new RateLimitInterceptor(limiters) }] };
  }
}
