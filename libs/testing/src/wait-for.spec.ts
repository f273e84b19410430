import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first truthy value of the condition', async () => {
    let calls = 0;
    await expect(waitFor('the third call', () => (++calls >= 3 ? calls : undefined), { intervalMs: 1 })).resolves.toBe(3);
  });

  it('fails naming what it waited for once the bound has passed', async () => {
    await expect(waitFor('a condition that never holds', () => false, { timeoutMs: 20, intervalMs: 5 })).rejects.toThrow(
      'timed out after 20 ms waiting for a condition that never holds',
    );
  });
});
