import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { PROBLEM_SCHEMA_NAME, withProblemSchema } from '@reorg/http';

export const DOCS_PATH = 'docs';
export const BEARER_SCHEME = 'bearer';

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Register of public service units')
    .setDescription(
      [
        'Event-sourced register of public service units and the decisions that reorganise them.',
        'Every `/api/v1` route needs `Authorization: Bearer <JWT>` except `POST /api/v1/auth/dev-token` (AUTH_MODE=dev only).',
        'Errors are `application/problem+json` (RFC 9457) with a stable `code`; titles follow `Accept-Language` (vi by default, en).',
        'Queries (GET) answer at one read horizon and carry `X-Read-Position: P` (every event up to P is reflected, in every read model); send `X-Min-Position: P` or `?minPosition=P` to read at least at P (400 when malformed or beyond the log, 503 with Retry-After when the read models have not reached it within 5 s). Audit routes read the log itself.',
      ].join('\n\n'),
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .addSecurityRequirements(BEARER_SCHEME)
    .build();
  return withUnauthenticatedResponses(withProblemSchema(cleanupOpenApiDoc(SwaggerModule.createDocument(app, config))));
}

const isPublic = (security: unknown): boolean => Array.isArray(security) && security.some((requirement) => Object.keys(requirement as object).length === 0);

/** Every operation that needs the bearer token can answer 401; say so once here rather than on each route. */
function withUnauthenticatedResponses(document: OpenAPIObject): OpenAPIObject {
  for (const pathItem of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = pathItem[method];
      if (!operation || isPublic(operation.security) || operation.responses['401']) continue;
      operation.responses['401'] = {
        description: 'UNAUTHENTICATED: no, expired or invalid bearer token',
        content: { 'application/problem+json': { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` } } },
      };
    }
  }
  return document;
}

/** GET /docs (Swagger UI) and GET /docs-json (the OpenAPI document). */
export function setupDocs(app: NestFastifyApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, buildOpenApiDocument(app), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    yamlDocumentUrl: `${DOCS_PATH}-yaml`,
  });
}
