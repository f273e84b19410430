import { messageText } from '@reorg/http';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { REQUIRED_ROLES } from './auth-metadata';
import { forbidden, unauthenticated } from './auth-problems';
import { principalOf } from './current-principal.decorator';
import { hasAnyRole } from './principal';
import type { Role } from './roles';

/** Global, after AuthenticationGuard: enforces @Roles(...) (any one of the listed roles). */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (!required || required.length === 0) return true;
    const principal = principalOf(context.switchToHttp().getRequest<FastifyRequest>());
    if (!principal) throw unauthenticated('missing');
    if (hasAnyRole(principal, required)) return true;
    throw forbidden(messageText('auth.rolesRequired', { roles: required.join(', ') }));
  }
}
