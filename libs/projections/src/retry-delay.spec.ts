import { retryDelay } from './retry-delay';

describe('retryDelay', () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 1_000 };

  it('doubles from the initial delay with each consecutive failure', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, policy))).toEqual([100, 200, 400, 800]);
  });

  it('never exceeds the maximum, even after very many failures', () => {
    expect(retryDelay(5, policy)).toBe(1_000);
    expect(retryDelay(10_000, policy)).toBe(1_000);
  });
});
