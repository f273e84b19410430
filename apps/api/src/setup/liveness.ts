import type { FastifyInstance } from 'fastify';
import { liveness } from '../operations/health.controller';

export const LIVENESS_PATH = '/health';

/**
 * GET (and HEAD) /health answered by Fastify itself: as Nest registers the route, its handler is
 * replaced by one returning the same body. Nest's pipeline around it does nothing for this route
 * (public, no parameters, no interceptor of the edge, a handler that cannot fail) but costs most of a
 * trivial request (guards, the router's proxy, the response controller). Everything around the
 * handler stays: the request id, the request logger, the metrics hook, the request guards (Fastify hooks)
 * registered in create-app, error answers, and the OpenAPI operation (HealthController.live).
 * Registered before app.init(), i.e. before Nest adds its routes.
 */
export function answerLivenessDirectly(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url === LIVENESS_PATH && methods.every((method) => method === 'GET' || method === 'HEAD')) route.handler = async () => liveness();
  });
}
