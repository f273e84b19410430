import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Observable, from, switchMap } from 'rxjs';
import { principalOf } from '@reorg/auth';
import { ProblemException, messageText } from '@reorg/http';
import type { RateDecision } from './rate-limiter';
import type { RateCounter } from './shared-rate-limiter';

export const DEV_TOKEN_PATH = '/api/v1/auth/dev-token';
const WRITE_METHODS = new Set(['POST', 'PUT']);

/** The routes a rate limit can count: writes (the dev token route is one). */
export const rateLimitApplies = (method: string): boolean => WRITE_METHODS.has(method);

export interface RateLimiters {
  writes: RateCounter;
  tokens: RateCounter;
  tokenClients: RateCounter;
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

type Counted = { name: keyof RateLimiters; limiter: RateCounter; decision: RateDecision };

/** Runs after the guards, so the caller is known; over a limit → 429 RATE_LIMITED with Retry-After. */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  constructor(private readonly limiters: RateLimiters) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const keys = rateKeysOf(http.getRequest<FastifyRequest>());
    if (keys.length === 0) return next.handle();
    const counted = Promise.all(keys.map(async ({ limiter: name, key }): Promise<Counted> => ({ name, limiter: this.limiters[name], decision: await this.limiters[name].take(key) })));
    return from(counted).pipe(
      switchMap((decisions) => {
        const refused = decisions.find((entry) => !entry.decision.allowed);
        if (refused && !refused.decision.allowed) {
          const { name, limiter, decision } = refused;
          throw new ProblemException({
            code: 'RATE_LIMITED',
            detail: messageText(name === 'tokenClients' ? 'http.rateLimited.client' : 'http.rateLimited', { limit: limiter.limitPerMinute, seconds: decision.retryAfterSeconds }),
            headers: { 'retry-after': String(decision.retryAfterSeconds) },
          });
        }
        // The headers describe the tightest of the limits that counted the request.
        const tightest = decisions.reduce((best, entry) => (entry.decision.allowed && best.decision.allowed && entry.decision.remaining < best.decision.remaining ? entry : best));
        if (tightest.decision.allowed) {
          http
            .getResponse<FastifyReply>()
            .header('ratelimit-limit', String(tightest.limiter.limitPerMinute))
            .header('ratelimit-remaining', String(tightest.decision.remaining))
            .header('ratelimit-reset', String(tightest.decision.resetSeconds));
        }
        return next.handle();
      }),
    );
  }
}
