import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { Role } from './roles';

export const IS_PUBLIC = 'reorg:auth:public';
export const REQUIRED_ROLES = 'reorg:auth:roles';

/** The route needs no token (documented in OpenAPI with an empty security requirement). */
export const Public = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}));

/** The caller needs at least one of these roles; otherwise 403 FORBIDDEN. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);
