import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException, messageText, violationItem } from '@reorg/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Observable, from, map, switchMap } from 'rxjs';
import { ReadHorizon } from './read-horizon';

/** The position a query's answer reflects: every event at or below it, in every read model. */
export const READ_POSITION_HEADER = 'x-read-position';
/** A position the answer must reflect at least (a client passes on an X-Read-Position it was given). */
export const MIN_POSITION_HEADER = 'x-min-position';
export const MIN_POSITION_PARAM = 'minPosition';

const SKIP_READ_HORIZON = Symbol('skipReadHorizon');
const READS_EVENT_LOG = Symbol('readsEventLog');

/** For queries that draw on no projected read model (the event log itself, static lists, the notifier's Kafka-fed tables). */
export const SkipReadHorizon = (): ClassDecorator & MethodDecorator => SetMetadata(SKIP_READ_HORIZON, true);

/**
 * For queries folded from the event log rather than a read model (a proposal): the answer is held
 * until every read model has caught up with the log, so nothing read next is behind it.
 */
export const ReadsEventLog = (): ClassDecorator & MethodDecorator => SetMetadata(READS_EVENT_LOG, true);

const QUERY_METHODS = new Set(['GET', 'HEAD']);

/** The routes that answer at the read horizon: queries under /api/v1 not marked @SkipReadHorizon(). */
export function readHorizonApplies(method: string, path: string, skipped: boolean): boolean {
  return QUERY_METHODS.has(method) && path.startsWith('/api/v1/') && !skipped;
}

/** Every GET under /api/v1 answers at the read horizon and says which (X-Read-Position). */
@Injectable()
export class ReadConsistencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(ReadHorizon) private readonly horizon: ReadHorizon,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  /** Whether the route is marked @SkipReadHorizon(). */
  skips(context: ExecutionContext): boolean {
    return this.reflector.getAllAndOverride<boolean>(SKIP_READ_HORIZON, [context.getHandler(), context.getClass()]) === true;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!readHorizonApplies(request.method, request.url, this.skips(context))) return next.handle();
    const minPosition = minPositionOf(request);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const fromLog = this.reflector.getAllAndOverride<boolean>(READS_EVENT_LOG, [context.getHandler(), context.getClass()]) === true;
    // Embedded mode with every read model at the frontier (the usual case): no promise, no wait.
    const reached = fromLog ? undefined : this.horizon.reachedNow(minPosition);
    if (reached !== undefined) {
      reply.header(READ_POSITION_HEADER, String(reached));
      return next.handle();
    }
    return from(this.horizon.reach(minPosition)).pipe(
      switchMap((position) => {
        if (!fromLog) {
          reply.header(READ_POSITION_HEADER, String(position));
          return next.handle();
        }
        return next.handle().pipe(
          switchMap((answer: unknown) =>
            from(this.horizon.catchUpWithLog()).pipe(
              map((caughtUp) => {
                reply.header(READ_POSITION_HEADER, String(Math.max(position, caughtUp)));
                return answer;
              }),
            ),
          ),
        );
      }),
    );
  }
}

/** The larger of the X-Min-Position header and the minPosition parameter (0 without either). */
export function minPositionOf(request: FastifyRequest): number {
  const header = request.headers[MIN_POSITION_HEADER];
  const param = (request.query as Record<string, unknown> | undefined)?.[MIN_POSITION_PARAM];
  return Math.max(parsePosition(header, 'X-Min-Position'), parsePosition(param, MIN_POSITION_PARAM));
}

function parsePosition(value: unknown, name: string): number {
  if (value === undefined) return 0;
  const text = Array.isArray(value) ? undefined : String(value);
  const position = text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isSafeInteger(position)) return position;
  throw new ProblemException({
    code: 'VALIDATION_FAILED',
    detail: messageText('http.readPosition.invalid', { name }),
    errors: [violationItem({ path: name, code: 'INVALID_POSITION', detail: 'expected a non-negative integer, as given in X-Read-Position' })],
  });
}
