import { AUTONOMY_GROUPS, OPERATION_TYPES, SECTORS } from '@reorg/domain';
import { expectProblem } from '../support/problem';
import { RegisterClient } from './register-client';

describe('code lists (real HTTP)', () => {
  let client: RegisterClient;

  beforeAll(async () => {
    client = await RegisterClient.start();
  });

  afterAll(() => client.close());

  it.each([
    ['sectors', SECTORS],
    ['autonomy-groups', AUTONOMY_GROUPS],
    ['operation-types', OPERATION_TYPES],
  ])('GET /code-lists/%s lists every code with Vietnamese and English names, for every role', async (list, expected) => {
    for (const role of ['admin', 'proposer', 'auditor', 'ppc_leader']) {
      const response = await client.get(`/api/v1/code-lists/${list}`, { token: await client.token(role) });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { items: { code: string; name_vi: string; name_en: string }[] };
      expect(body.items).toEqual(expected.map(({ code, name_vi, name_en }) => ({ code, name_vi, name_en })));
    }
  });

  it('answers 404 for an unknown list and 401 without a token', async () => {
    await expectProblem(await client.get('/api/v1/code-lists/colours'), 404, 'NOT_FOUND');
    await expectProblem(await fetch(`${client.running.url}/api/v1/code-lists/sectors`), 401, 'UNAUTHENTICATED');
  });
});
