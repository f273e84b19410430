import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { principalOf } from '@reorg/auth';
import { ProblemException, messageText } from '@reorg/http';
import type { RateLimiter } from './rate-limiter';

export const DEV_TOKEN_PATH = '/api/v1/auth/dev-token';
const WRITE_METHODS = new Set(['POST', 'PUT']);

export interface RateLimiters {
  writes: RateLimiter;
  tokens: RateLimiter;
  tokenClients: RateLimiter;
}

export interface RateKey {
  limiter: keyof RateLimiters;
  key: string;
}

/**
 * Which limiters count a request, and under which keys: the token route both by the requested `sub`
 * and by the client's address (else a client gets a token for every sub it invents), writes by the
 * token's `sub`.
 */
export function rateKeysOf(request: FastifyRequest): RateKey[] {
  if (!WRITE_METHODS.has(request.method)) return [];
  const path = request.url.split('?')[0];
  if (path === DEV_TOKEN_PATH) {
    const sub = (request.body as { sub?: unknown } | undefined)?.sub;
    return [
      { limiter: 'tokenClients', key: request.ip },
      { limiter: 'tokens', key: typeof sub === 'string' ? sub : '' },
    ];
  }
  const principal = principalOf(request);
  return principal ? [{ limiter: 'writes', key: principal.sub }] : [];
}

/** Runs after the guards, so the caller is known; over the limit → 429 RATE_LIMITED with Retry-After. */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  constructor(private readonly limiters: RateLimiters) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    let shown: { limiter: RateLimiter; remaining: number; resetSeconds: number } | undefined;
    for (const { limiter: name, key } of rateKeysOf(request)) {
      const limiter = this.limiters[name];
      const decision = limiter.take(key);
      if (!decision.allowed) {
        throw new ProblemException({
          code: 'RATE_LIMITED',
          detail: messageText(name === 'tokenClients' ? 'http.rateLimited.client' : 'http.rateLimited', { limit: limiter.limitPerMinute, seconds: decision.retryAfterSeconds }),
          headers: { 'retry-after': String(decision.retryAfterSeconds) },
        });
      }
      // The headers describe the tightest of the limits that counted the request.
      if (!shown || decision.remaining < shown.remaining) shown = { limiter, remaining: decision.remaining, resetSeconds: decision.resetSeconds };
    }
    if (shown) {
      http
        .getResponse<FastifyReply>()
        .header('ratelimit-limit', String(shown.limiter.limitPerMinute))
        .header('ratelimit-remaining', String(shown.remaining))
        .header('ratelimit-reset', String(shown.resetSeconds));
    }
    return next.handle();
  }
}
