import { type DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { EventStoreConfig, RateLimitConfig } from '@reorg/config';
import type { DataSource } from 'typeorm';
import { RateLimitInterceptor, type RateLimiters } from './rate-limit.interceptor';
import { RateLimiter } from './rate-limiter';
import { SharedRateLimiter, inMemory } from './shared-rate-limiter';

/**
 * Limits on the dev token route (per requested `sub` and per client address) and on writes (POST, PUT, per token
 * `sub`); RATE_LIMIT_ENABLED=false turns them off (benchmarks). On PostgreSQL the counters live in the shared
 * database, so several api instances behind one address hold one limit; the embedded mode (one process) counts in memory.
 * Exports the RateLimitInterceptor (none when disabled) for the edge (CommandEdgeModule).
 */
@Module({})
export class RateLimitModule {
  static forRoot(config: RateLimitConfig, store: EventStoreConfig): DynamicModule {
    if (!config.enabled) return { module: RateLimitModule };
    const limits = { writes: config.writesPerMinute, tokens: config.tokensPerMinute, tokenClients: config.tokensPerClientPerMinute };
    if (store.kind === 'postgres') {
      const schema = store.schema;
      return {
        module: RateLimitModule,
        providers: [
          {
            provide: RateLimitInterceptor,
            inject: [getDataSourceToken()],
            useFactory: (dataSource: DataSource) =>
              new RateLimitInterceptor({
                writes: new SharedRateLimiter(dataSource, schema, 'writes', limits.writes),
                tokens: new SharedRateLimiter(dataSource, schema, 'tokens', limits.tokens),
                tokenClients: new SharedRateLimiter(dataSource, schema, 'token-clients', limits.tokenClients),
              }),
          },
        ],
        exports: [RateLimitInterceptor],
      };
    }
    const limiters: RateLimiters = {
      writes: inMemory(new RateLimiter(limits.writes)),
      tokens: inMemory(new RateLimiter(limits.tokens)),
      tokenClients: inMemory(new RateLimiter(limits.tokenClients)),
    };
    return { module: RateLimitModule, providers: [{ provide: RateLimitInterceptor, useValue: new RateLimitInterceptor(limiters) }], exports: [RateLimitInterceptor] };
  }
}
