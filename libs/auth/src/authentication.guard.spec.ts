import { Controller, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '@reorg/http';
import { Public } from './auth-metadata';
import { AuthenticationGuard } from './authentication.guard';
import { principalOf } from './current-principal.decorator';
import { DevTokenService } from './dev-token.service';

@Controller('things')
class ThingsController {
  @Get()
  list(): void {}

  @Public()
  @Get('public')
  open(): void {}
}

function requestWith(authorization?: string): FastifyRequest {
  return { headers: authorization ? { authorization } : {} } as FastifyRequest;
}

function contextFor(request: FastifyRequest, handler: () => void): ExecutionContextHost {
  const context = new ExecutionContextHost([request, {}], ThingsController, handler);
  context.setType('http');
  return context;
}

async function refusal(run: Promise<unknown>): Promise<ProblemException> {
  const error: unknown = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProblemException)) throw new Error(`expected a ProblemException, got ${String(error)}`);
  return error;
}

describe('AuthenticationGuard (with the real dev token service)', () => {
  const tokens = new DevTokenService({ devTokenSecret: 'unit-test-secret-of-at-least-32-chars', devTokenTtlSeconds: 60 });
  const guard = new AuthenticationGuard(new Reflector(), tokens);
  const { list, open } = ThingsController.prototype;

  it('attaches the principal of a valid bearer token', async () => {
    const { accessToken } = await tokens.issue({ sub: 'u7', roles: ['auditor'], governingBodyIds: [] });
    const request = requestWith(`Bearer ${accessToken}`);
    await expect(guard.canActivate(contextFor(request, list))).resolves.toBe(true);
    expect(principalOf(request)).toEqual({ sub: 'u7', roles: ['auditor'], governingBodyIds: [] });
  });

  it('accepts the scheme in any case', async () => {
    const { accessToken } = await tokens.issue({ sub: 'u7', roles: ['auditor'], governingBodyIds: [] });
    await expect(guard.canActivate(contextFor(requestWith(`bearer ${accessToken}`), list))).resolves.toBe(true);
  });

  it('lets @Public() routes through without a token', async () => {
    await expect(guard.canActivate(contextFor(requestWith(), open))).resolves.toBe(true);
  });

  it('refuses a missing, malformed or forged token with 401', async () => {
    const { accessToken } = await tokens.issue({ sub: 'u7', roles: ['admin'], governingBodyIds: [] });
    const [header, payload] = accessToken.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    for (const authorization of [undefined, 'Token abc', `Bearer ${forged}`]) {
      const problem = await refusal(guard.canActivate(contextFor(requestWith(authorization), list)));
      expect([problem.getStatus(), problem.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
  });
});
