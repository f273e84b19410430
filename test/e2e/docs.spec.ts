import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { startTestApp, type RunningApp } from './support/test-app';

describe('API documentation (real HTTP)', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startTestApp();
  });

  afterAll(async () => {
    await running.close();
  });

  it('GET /docs serves the Swagger UI without a token', async () => {
    const response = await fetch(`${running.url}/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('swagger-ui');
  });

  describe('GET /docs-json', () => {
    let document: OpenAPIV3.Document;

    beforeAll(async () => {
      const response = await fetch(`${running.url}/docs-json`);
      expect(response.status).toBe(200);
      document = (await response.json()) as OpenAPIV3.Document;
    });

    it('is a valid OpenAPI 3 document', async () => {
      expect(document.openapi).toMatch(/^3\./);
      // validate() dereferences in place: give it a copy.
      await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    });

    it('lists the routes', () => {
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/api/v1/auth/dev-token', '/api/v1/auth/me', '/health', '/health/ready', '/metrics']),
      );
    });

    it('declares bearer authentication, required by default and waived on public routes', () => {
      expect(document.components?.securitySchemes?.bearer).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
      expect(document.security).toEqual([{ bearer: [] }]);
      expect(document.paths['/api/v1/auth/dev-token']?.post?.security).toEqual([{}]);
      expect(document.paths['/health']?.get?.security).toEqual([{}]);
      expect(document.paths['/api/v1/auth/me']?.get?.security).toBeUndefined();
    });

    it('documents the dev token request and problem responses', () => {
      const devToken = document.paths['/api/v1/auth/dev-token']?.post;
      const requestSchema = (devToken?.requestBody as OpenAPIV3.RequestBodyObject).content['application/json'].schema as OpenAPIV3.ReferenceObject;
      const schemaName = requestSchema.$ref.split('/').pop() as string;
      const schema = document.components?.schemas?.[schemaName] as OpenAPIV3.SchemaObject;
      expect(schema.required).toEqual(expect.arrayContaining(['sub', 'roles']));
      expect(Object.keys(devToken?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '403']));
      const meResponses = document.paths['/api/v1/auth/me']?.get?.responses ?? {};
      expect((meResponses['401'] as OpenAPIV3.ResponseObject).content).toHaveProperty('application/problem+json');
      expect(document.components?.schemas?.ProblemDetails).toBeDefined();
    });
  });
});
