import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '@reorg/http';
import type { Principal } from './principal';

const PRINCIPAL = Symbol('principal');

type RequestWithPrincipal = FastifyRequest & { [PRINCIPAL]?: Principal };

export function attachPrincipal(request: FastifyRequest, principal: Principal): void {
  (request as RequestWithPrincipal)[PRINCIPAL] = principal;
}

export function principalOf(request: FastifyRequest): Principal | undefined {
  return (request as RequestWithPrincipal)[PRINCIPAL];
}

/** The authenticated caller: `me(@CurrentPrincipal() principal: Principal)`. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = principalOf(context.switchToHttp().getRequest<FastifyRequest>());
  // Only on a @Public() route can this happen: a wiring mistake, answered like a missing token.
  if (!principal) throw new ProblemException({ code: 'UNAUTHENTICATED' });
  return principal;
});
