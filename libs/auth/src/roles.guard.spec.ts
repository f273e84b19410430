import { Controller, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '@reorg/http';
import { Roles } from './auth-metadata';
import { attachPrincipal } from './current-principal.decorator';
import type { Principal } from './principal';
import { RolesGuard } from './roles.guard';

@Controller('sample')
@Roles('admin')
class SampleController {
  @Get('admin-only')
  adminOnly(): void {}

  @Get('auditors')
  @Roles('auditor', 'admin')
  auditors(): void {}
}

@Controller('open')
class OpenController {
  @Get()
  anyone(): void {}
}

function contextFor(controller: new () => object, handler: () => void, principal?: Principal): ExecutionContextHost {
  const request = { headers: {} } as FastifyRequest;
  if (principal) attachPrincipal(request, principal);
  const context = new ExecutionContextHost([request, {}], controller, handler);
  context.setType('http');
  return context;
}

function problemOf(run: () => unknown): ProblemException {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemException) return error;
    throw error;
  }
  throw new Error('the guard let the request through');
}

const person = (...roles: Principal['roles']): Principal => ({ sub: 'u1', roles, governingBodyIds: [] });

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());
  const { adminOnly, auditors } = SampleController.prototype;

  it('lets a route without @Roles through', () => {
    expect(guard.canActivate(contextFor(OpenController, OpenController.prototype.anyone, person('proposer')))).toBe(true);
  });

  it('applies the controller’s @Roles to its handlers', () => {
    expect(guard.canActivate(contextFor(SampleController, adminOnly, person('admin')))).toBe(true);
    const refusal = problemOf(() => guard.canActivate(contextFor(SampleController, adminOnly, person('auditor'))));
    expect(refusal.getStatus()).toBe(403);
    expect(refusal.code).toBe('FORBIDDEN');
  });

  it('lets a handler’s @Roles override the controller’s, any listed role sufficing', () => {
    expect(guard.canActivate(contextFor(SampleController, auditors, person('auditor')))).toBe(true);
    expect(guard.canActivate(contextFor(SampleController, auditors, person('proposer', 'admin')))).toBe(true);
    expect(problemOf(() => guard.canActivate(contextFor(SampleController, auditors, person('proposer', 'ppc_leader')))).code).toBe('FORBIDDEN');
  });

  it('refuses a caller with no roles', () => {
    expect(problemOf(() => guard.canActivate(contextFor(SampleController, auditors, person()))).getStatus()).toBe(403);
  });

  it('answers 401 when no principal was authenticated', () => {
    const refusal = problemOf(() => guard.canActivate(contextFor(SampleController, adminOnly)));
    expect(refusal.getStatus()).toBe(401);
    expect(refusal.code).toBe('UNAUTHENTICATED');
  });
});
