import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable, mergeMap } from 'rxjs';
import { WrittenPositions, collectWrittenPositions } from '@reorg/projections';
import { ReadYourWrites } from './read-your-writes';

const WRITE_METHODS = new Set(['POST', 'PUT']);

/** The routes read-your-writes acts on: writes. */
export const readYourWritesApplies = (method: string): boolean => WRITE_METHODS.has(method);

/**
 * Read-your-writes for every write route: the command pipeline notes the position of each commit
 * in the request's scope; a query the request sends afterwards, and the answer, wait until the read
 * models include the highest one. Controllers do nothing for it.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(@Inject(ReadYourWrites) private readonly readYourWrites: ReadYourWrites) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || !readYourWritesApplies(context.switchToHttp().getRequest<FastifyRequest>().method)) return next.handle();
    const positions = new WrittenPositions((position) => this.readYourWrites.after(position));
    // Subscribed inside the scope: an interceptor further in may call the handler only when subscribed
    // (after its own async work), and the handler's commits must still be noted in this request's scope.
    return new Observable<unknown>((subscriber) => collectWrittenPositions(positions, () => next.handle().subscribe(subscriber))).pipe(
      mergeMap(async (body: unknown) => {
        await positions.settle();
        return body;
      }),
    );
  }
}
