import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { EdgeInterceptor } from '../../apps/api/src/command-edge';
import { HealthController, liveness } from '../../apps/api/src/operations/health.controller';
import { startTestApp, type RunningApp } from './support/test-app';

interface Route {
  method: string;
  path: string;
  controller: new (...args: never[]) => unknown;
  handler: (...args: unknown[]) => unknown;
}

const joinPath = (...parts: string[]) => `/${parts.flatMap((part) => part.split('/')).filter((part) => part !== '').join('/')}`;

/** Every route of every controller the application registered, from Nest's own metadata. */
function routesOf(running: RunningApp): Route[] {
  const scanner = new MetadataScanner();
  const routes: Route[] = [];
  for (const module of running.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Route['controller'];
      const prototype = controller.prototype as Record<string, Route['handler']>;
      const base = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const paths = [Reflect.getMetadata(PATH_METADATA, handler) as string | string[]].flat();
        for (const path of paths) routes.push({ method: RequestMethod[method], path: joinPath(base, path), controller, handler });
      }
    }
  }
  return routes;
}

/** The interceptors the edge runs for a route, by class name, outermost first. */
function stagesOf(edge: EdgeInterceptor, route: Route): string[] {
  const request = { method: route.method, url: route.path, routeOptions: { url: route.path } };
  const context = new ExecutionContextHost([request, {}, undefined], route.controller as never, route.handler as never);
  context.setType('http');
  return edge.planOf(context).map((interceptor) => interceptor.constructor.name);
}

describe('the HTTP edge: which routes pay for what (real application, rate limits on)', () => {
  let running: RunningApp;
  let routes: Route[];
  let edge: EdgeInterceptor;

  beforeAll(async () => {
    running = await startTestApp({ RATE_LIMIT_ENABLED: 'true' });
    routes = routesOf(running);
    edge = running.app.get(EdgeInterceptor);
  });

  afterAll(async () => {
    await running.close();
  });

  it('finds the routes Fastify serves (the enumeration below misses none)', () => {
    const fastify = running.app.getHttpAdapter().getInstance();
    expect(routes.filter((route) => route.method === 'POST').length).toBeGreaterThan(10);
    for (const route of routes) expect({ route: `${route.method} ${route.path}`, served: fastify.hasRoute({ method: route.method, url: route.path }) }).toEqual({ route: `${route.method} ${route.path}`, served: true });
  });

  it('every POST route, present and future, carries read-your-writes, the rate limit and Idempotency-Key, in that order', () => {
    const posts = routes.filter((route) => route.method === 'POST');
    for (const route of posts) {
      expect({ route: `${route.method} ${route.path}`, stages: stagesOf(edge, route) }).toEqual({
        route: `${route.method} ${route.path}`,
        stages: ['ReadYourWritesInterceptor', 'RateLimitInterceptor', 'IdempotencyInterceptor'],
      });
    }
  });

  it('every PUT route carries read-your-writes and the rate limit; no route uses another write method', () => {
    for (const route of routes.filter((candidate) => candidate.method === 'PUT')) expect(stagesOf(edge, route)).toEqual(['ReadYourWritesInterceptor', 'RateLimitInterceptor']);
    expect(routes.filter((route) => !['GET', 'POST', 'PUT'].includes(route.method))).toEqual([]);
  });

  it('queries under /api/v1 answer at the read horizon (except @SkipReadHorizon routes); /health, /health/ready and /metrics pass through no stage', () => {
    const queries = routes.filter((route) => route.method === 'GET' && route.path.startsWith('/api/v1/'));
    const horizon = queries.filter((route) => stagesOf(edge, route).includes('ReadConsistencyInterceptor'));
    expect(horizon.map((route) => route.path)).toEqual(expect.arrayContaining(['/api/v1/units/:id', '/api/v1/structure', '/api/v1/auth/me', '/api/v1/governing-bodies']));
    for (const route of queries) expect(stagesOf(edge, route)).toEqual(horizon.includes(route) ? ['ReadConsistencyInterceptor'] : []);
    expect(queries.filter((route) => !horizon.includes(route)).map((route) => route.path)).toEqual(expect.arrayContaining(['/api/v1/code-lists/sectors', '/api/v1/audit/events']));
    for (const path of ['/health', '/health/ready', '/metrics']) {
      const route = routes.find((candidate) => candidate.method === 'GET' && candidate.path === path);
      expect(route && stagesOf(edge, route)).toEqual([]);
    }
  });

  it('GET and HEAD /health are answered by Fastify directly with what HealthController.live() documents, and still counted in the metrics', async () => {
    const live = jest.spyOn(HealthController.prototype, 'live');
    try {
      const response = await fetch(`${running.url}/health`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await response.json()).toEqual(liveness());
      const head = await fetch(`${running.url}/health`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(live).not.toHaveBeenCalled();
    } finally {
      live.mockRestore();
    }
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/health",status_code="200"\} [1-9]/);
    expect(metrics).toMatch(/http_request_duration_seconds_count\{method="HEAD",route="\/health",status_code="200"\} [1-9]/);
  });

  it('a write still answers with its rate-limit headers and replays an Idempotency-Key; a query still says its read position', async () => {
    const token = ((await (await fetch(`${running.url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'edge', roles: ['admin'] }) })).json()) as { accessToken: string }).accessToken;
    const send = () =>
      fetch(`${running.url}/api/v1/governing-bodies`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'edge-spec-1' },
        body: JSON.stringify({ code: 'EDGE-1', name: 'Sở Khoa học và Công nghệ', system: 'GOVERNMENT', level: 'PROVINCE' }),
      });
    const first = await send();
    expect(first.status).toBe(201);
    expect(first.headers.get('ratelimit-limit')).not.toBeNull();
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const list = await fetch(`${running.url}/api/v1/governing-bodies`, { headers: { authorization: `Bearer ${token}` } });
    expect(list.status).toBe(200);
    expect(Number(list.headers.get('x-read-position'))).toBeGreaterThanOrEqual(2);
  });
});
