import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { principalOf } from '@reorg/auth';
import { ProblemException } from '@reorg/http';
import type { CommandContext } from '@reorg/register';
import { commandIdOf } from './idempotency-key';

/** Who acts (the token's sub and roles) and under which command id (from Idempotency-Key): `@Command() context: CommandContext`. */
export const Command = createParamDecorator((_data: unknown, context: ExecutionContext): CommandContext => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const principal = principalOf(request);
  if (!principal) throw new ProblemException({ code: 'UNAUTHENTICATED' });
  const commandId = commandIdOf(request);
  return { actor: principal.sub, roles: [...principal.roles], correlationId: String(request.id), ...(commandId ? { commandId } : {}) };
});
