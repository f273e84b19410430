import { runCheck } from './readiness';

describe('runCheck', () => {
  it('reports an answering dependency as up with its details', async () => {
    const outcome = await runCheck({ name: 'store', failureCode: 'STORE_DOWN', run: async () => ({ headPosition: 12 }) }, 100);
    expect(outcome).toEqual({ name: 'store', failureCode: 'STORE_DOWN', up: true, details: { headPosition: 12 } });
  });

  it('reports a failing dependency as down with the reason', async () => {
    const outcome = await runCheck({ name: 'store', failureCode: 'STORE_DOWN', run: () => Promise.reject(new Error('database is closed')) }, 100);
    expect(outcome).toEqual({ name: 'store', failureCode: 'STORE_DOWN', up: false, error: 'database is closed' });
  });

  it('reports a dependency that does not answer in time as down', async () => {
    const outcome = await runCheck({ name: 'store', failureCode: 'STORE_DOWN', run: () => new Promise(() => undefined) }, 20);
    expect(outcome).toMatchObject({ up: false, error: 'no answer within 20 ms' });
  });
});
