import { ProblemException } from './problem.exception';
import { readinessReport, runCheck } from './readiness';

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

describe('readinessReport', () => {
  const up = { name: 'store', failureCode: 'STORE_DOWN', run: async () => ({ headPosition: 3 }) };
  const relayDown = { name: 'relay', failureCode: 'RELAY_FAILING', run: () => Promise.reject(new Error('cannot publish')) };

  it('stays ready when only an advisory check is down, and reports it', async () => {
    expect(await readinessReport([up, { ...relayDown, advisory: true }], 100)).toEqual({
      status: 'ok',
      checks: { store: { status: 'up', headPosition: 3 }, relay: { status: 'down', advisory: true, code: 'RELAY_FAILING', error: 'cannot publish' } },
    });
  });

  it('is not ready when a required check is down', async () => {
    await expect(readinessReport([up, relayDown], 100)).rejects.toBeInstanceOf(ProblemException);
  });
});
