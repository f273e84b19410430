import type { OpenAPIV3 } from 'openapi-types';
import { RegisterClient } from './register-client';

describe('OpenAPI for the register routes', () => {
  let client: RegisterClient;
  let document: OpenAPIV3.Document;

  beforeAll(async () => {
    client = await RegisterClient.start();
    document = (await (await fetch(`${client.running.url}/docs-json`)).json()) as OpenAPIV3.Document;
  });

  afterAll(() => client.close());

  it('lists every register route', () => {
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/code-lists/sectors',
        '/api/v1/code-lists/autonomy-groups',
        '/api/v1/code-lists/operation-types',
        '/api/v1/governing-bodies',
        '/api/v1/governing-bodies/{id}',
        '/api/v1/governing-bodies/{id}/rename',
        '/api/v1/units/import',
        '/api/v1/decisions/import',
        '/api/v1/decisions/{number}/annul',
      ]),
    );
  });

  it('documents the unit import as JSON or CSV, and the decision import with an example', () => {
    const unitImport = document.paths['/api/v1/units/import']?.post?.requestBody as OpenAPIV3.RequestBodyObject;
    expect(Object.keys(unitImport.content)).toEqual(['application/json', 'text/csv']);
    const decisionImport = document.paths['/api/v1/decisions/import']?.post?.requestBody as OpenAPIV3.RequestBodyObject;
    const ref = (decisionImport.content['application/json'].schema as OpenAPIV3.ReferenceObject).$ref;
    expect(JSON.stringify(document.components?.schemas?.[ref.split('/').at(-1) as string])).toContain('123/QĐ-UBND');
  });
});
