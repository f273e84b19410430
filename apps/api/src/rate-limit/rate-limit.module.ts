import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { RateLimitConfig } from '@reorg/config';
import { RateLimitInterceptor } from './rate-limit.interceptor';
import { RateLimiter } from './rate-limiter';

/** Limits on the dev token route (per requested `sub` and per client address) and on writes (POST, PUT, per token `sub`); RATE_LIMIT_ENABLED=false turns them off (benchmarks). */
@Module({})
export class RateLimitModule {
  static forRoot(config: RateLimitConfig): DynamicModule {
    if (!config.enabled) return { module: RateLimitModule };
    const limiters = {
      writes: new RateLimiter(config.writesPerMinute),
      tokens: new RateLimiter(config.tokensPerMinute),
      tokenClients: new RateLimiter(config.tokensPerClientPerMinute),
    };
    return { module: RateLimitModule, providers: [{ provide: APP_INTERCEPTOR, useValue: new RateLimitInterceptor(limiters) }] };
  }
}
