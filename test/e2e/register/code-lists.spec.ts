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
      expect(body.items).toEqual(expected.map((item) => ({ ...item, ...('replacedBy' in item ? { replacedBy: [...item.replacedBy] } : {}) })));
    }
  });

  it('dates the sectors: retired codes carry validUntil and their successors, new ones validFrom', async () => {
    const body = (await (await client.get('/api/v1/code-lists/sectors')).json()) as { items: Record<string, unknown>[] };
    expect(body.items.find((i) => i.code === 'ENVIRONMENT')).toEqual({
      code: 'ENVIRONMENT',
      name_vi: 'Tài nguyên và môi trường',
      name_en: 'Natural resources and environment',
      validUntil: '2025-02-28',
      replacedBy: ['AGRICULTURE_ENVIRONMENT'],
    });
    expect(body.items.find((i) => i.code === 'AGRICULTURE_ENVIRONMENT')).toMatchObject({ validFrom: '2025-03-01' });
    expect(body.items.find((i) => i.code === 'HEALTH')).toEqual({ code: 'HEALTH', name_vi: 'Y tế', name_en: 'Health' });
  });

  it('answers 404 for an unknown list and 401 without a token', async () => {
    await expectProblem(await client.get('/api/v1/code-lists/colours'), 404, 'NOT_FOUND');
    await expectProblem(await fetch(`${client.running.url}/api/v1/code-lists/sectors`), 401, 'UNAUTHENTICATED');
  });
});
