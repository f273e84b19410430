import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Observable, from, switchMap } from 'rxjs';
import { principalOf } from '@reorg/auth';
import { ProblemException } from '@reorg/http';
import type { RateCounter } from './shared-rate-limiter';

export const DEV_TOKEN_PATH = '/api/v1/auth/dev-token';
const WRITE_METHODS = new Set(['POST', 'PUT']);

export interface RateLimiters {
  writes: RateCounter;
  tokens: RateCounter;
}

/** Which limiter counts a request, and under which caller: the token route by the requested `sub`, writes by the token's `sub`. */
export function rateKeyOf(request: FastifyRequest): { limiter: keyof RateLimiters; sub: string } | undefined {
  if (!WRITE_METHODS.has(request.method)) return undefined;
  const path = request.url.split('?')[0];
  if (path === DEV_TOKEN_PATH) {
    const sub = (request.body as { sub?: unknown } | undefined)?.sub;
    return { limiter: 'tokens', sub: typeof sub === 'string' ? sub : '' };
  }
  const principal = principalOf(request);
  return principal ? { limiter: 'writes', sub: principal.sub } : undefined;
}

/** Runs after the guards, so the caller is known; over the limit → 429 RATE_LIMITED with Retry-After. */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  constructor(private readonly limiters: RateLimiters) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const key = rateKeyOf(request);
    if (!key) return next.handle();
    const limiter = this.limiters[key.limiter];
    return from(limiter.take(key.sub)).pipe(
      switchMap((decision) => {
        if (!decision.allowed) {
          throw new ProblemException({
            code: 'RATE_LIMITED',
            detail: {
              vi: `Vượt quá ${limiter.limitPerMinute} yêu cầu mỗi phút; thử lại sau ${decision.retryAfterSeconds} giây.`,
              en: `More than ${limiter.limitPerMinute} requests a minute; retry in ${decision.retryAfterSeconds} s.`,
            },
            headers: { 'retry-after': String(decision.retryAfterSeconds) },
          });
        }
        http
          .getResponse<FastifyReply>()
          .header('ratelimit-limit', String(limiter.limitPerMinute))
          .header('ratelimit-remaining', String(decision.remaining))
          .header('ratelimit-reset', String(decision.resetSeconds));
        return next.handle();
      }),
    );
  }
}
