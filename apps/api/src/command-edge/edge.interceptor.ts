import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { type Observable, defer, from, isObservable, mergeAll } from 'rxjs';

/** One interceptor of the edge and the routes it acts on (decided from the route alone, so once per route). */
export interface EdgeStage {
  interceptor: NestInterceptor;
  /** Whether the interceptor can act on this route and method at all; it still checks each request itself. */
  appliesTo(route: EdgeRoute, context: ExecutionContext): boolean;
}

export interface EdgeRoute {
  method: string;
  /** The route pattern (`/api/v1/units/:id`). */
  path: string;
}

/**
 * The one global interceptor: runs, in order, the edge stages that apply to the route (read-your-writes,
 * read horizon, rate limit, Idempotency-Key) and nothing for the others (`/health`, `/metrics`).
 * Nest wraps every interceptor call in `AsyncResource.bind` and rxjs; four global interceptors cost every
 * request four of those whether they act or not. Here a route pays one, and only the stages it needs;
 * the stages are chained directly (each `next.handle()` deferred, as Nest's is).
 */
export class EdgeInterceptor implements NestInterceptor {
  private readonly plans = new Map<string, NestInterceptor[]>();

  constructor(private readonly stages: EdgeStage[]) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const plan = this.planOf(context);
    return plan.length === 0 ? next.handle() : chain(plan, 0, context, next);
  }

  /** The stages for this route and method (memoised: a route's method and pattern never change). */
  planOf(context: ExecutionContext): NestInterceptor[] {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const pattern = request.routeOptions.url;
    // Without a route pattern (never for a controller's route), decide from the path and keep nothing.
    if (pattern === undefined) return this.select({ method: request.method, path: request.url.split('?')[0] }, context);
    const key = `${request.method} ${pattern}`;
    let plan = this.plans.get(key);
    if (!plan) {
      plan = this.select({ method: request.method, path: pattern }, context);
      this.plans.set(key, plan);
    }
    return plan;
  }

  private select(route: EdgeRoute, context: ExecutionContext): NestInterceptor[] {
    return this.stages.filter((stage) => stage.appliesTo(route, context)).map((stage) => stage.interceptor);
  }
}

function chain(plan: NestInterceptor[], index: number, context: ExecutionContext, last: CallHandler): Observable<unknown> {
  if (index === plan.length) return last.handle();
  const handler: CallHandler = { handle: () => defer(() => chain(plan, index + 1, context, last)) };
  const result = plan[index].intercept(context, handler);
  return isObservable(result) ? result : from(result).pipe(mergeAll());
}
