import { type CallHandler, type ExecutionContext, HttpStatus, Injectable, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Observable, catchError, finalize, from, mergeMap, of } from 'rxjs';
import { idempotencyKeyOf, idempotencyScopeOf, requestFingerprint } from './idempotency-key';
import { IdempotencyStore } from './idempotency.store';

export const REPLAYED_HEADER = 'idempotent-replayed';

/** The routes an Idempotency-Key acts on: every POST. */
export const idempotencyApplies = (method: string): boolean => method === 'POST';

/**
 * Every POST with an Idempotency-Key: the first request runs and its successful response is kept;
 * a repeat (same caller, key and request) gets that response again without running; the same key
 * for a different request → 409 IDEMPOTENCY_KEY_REUSED. A failed request releases its key: it
 * changed nothing, so a retry runs again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!idempotencyApplies(request.method)) return next.handle();
    const key = idempotencyKeyOf(request);
    if (key === undefined) return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    return from(this.store.claim(idempotencyScopeOf(request), key, requestFingerprint(request))).pipe(
      mergeMap((claim) => {
        if (claim.kind === 'replay') {
          void reply.status(claim.status).header(REPLAYED_HEADER, 'true');
          return of(claim.body);
        }
        const renewal = setInterval(() => void this.store.renew(claim).catch(() => undefined), this.store.renewMs).unref();
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            await this.store.complete(claim, status, body);
            return body;
          }),
          catchError(async (error: unknown) => {
            await this.store.release(claim);
            throw error;
          }),
          finalize(() => clearInterval(renewal)),
        );
      }),
    );
  }
}
