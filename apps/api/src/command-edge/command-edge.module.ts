import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { AppConfig } from '@reorg/config';
import { IdempotencyModule } from '../idempotency';
import { IdempotencyInterceptor, idempotencyApplies } from '../idempotency/idempotency.interceptor';
import { RateLimitModule } from '../rate-limit';
import { RateLimitInterceptor, rateLimitApplies } from '../rate-limit/rate-limit.interceptor';
import { ReadConsistencyModule } from '../read-consistency';
import { ReadConsistencyInterceptor, readHorizonApplies } from '../read-consistency/read-consistency.interceptor';
import { EdgeInterceptor, type EdgeStage } from './edge.interceptor';
import { ReadYourWrites } from './read-your-writes';
import { ReadYourWritesInterceptor, readYourWritesApplies } from './read-your-writes.interceptor';

/**
 * The stages of the edge, outermost first (the order the four global interceptors ran in before they
 * became one): read-your-writes (a write's answer waits for the read models to include its events),
 * the read horizon of a query (X-Read-Position), the per-token rate limit (429), then the
 * Idempotency-Key (a repeat answers the stored response without running).
 */
export function edgeStages(parts: {
  readYourWrites: ReadYourWritesInterceptor;
  readConsistency: ReadConsistencyInterceptor;
  rateLimit?: RateLimitInterceptor | null;
  idempotency: IdempotencyInterceptor;
}): EdgeStage[] {
  const { readYourWrites, readConsistency, rateLimit, idempotency } = parts;
  return [
    { interceptor: readYourWrites, appliesTo: (route) => readYourWritesApplies(route.method) },
    { interceptor: readConsistency, appliesTo: (route, context) => readHorizonApplies(route.method, route.path, readConsistency.skips(context)) },
    ...(rateLimit ? [{ interceptor: rateLimit, appliesTo: (route: { method: string }) => rateLimitApplies(route.method) }] : []),
    { interceptor: idempotency, appliesTo: (route) => idempotencyApplies(route.method) },
  ];
}

/**
 * The edge every route passes before and after its controller: one global EdgeInterceptor running,
 * per route, only the stages that act on it (writes: read-your-writes, rate limit, Idempotency-Key;
 * queries under /api/v1: the read horizon; /health and /metrics: none). Controllers only build the
 * command or query and send it.
 */
@Module({})
export class CommandEdgeModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CommandEdgeModule,
      imports: [RateLimitModule.forRoot(config.rateLimit, config.eventStore), IdempotencyModule.forRoot(config), ReadConsistencyModule],
      providers: [
        ReadYourWrites,
        ReadYourWritesInterceptor,
        {
          provide: EdgeInterceptor,
          inject: [ReadYourWritesInterceptor, ReadConsistencyInterceptor, { token: RateLimitInterceptor, optional: true }, IdempotencyInterceptor],
          useFactory: (readYourWrites: ReadYourWritesInterceptor, readConsistency: ReadConsistencyInterceptor, rateLimit: RateLimitInterceptor | undefined, idempotency: IdempotencyInterceptor) =>
            new EdgeInterceptor(edgeStages({ readYourWrites, readConsistency, rateLimit, idempotency })),
        },
        { provide: APP_INTERCEPTOR, useExisting: EdgeInterceptor },
      ],
    };
  }
}
