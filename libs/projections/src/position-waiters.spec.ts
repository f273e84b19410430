import { PositionWaiters } from './position-waiters';

describe('PositionWaiters', () => {
  it('resolves at once when the position is already reached', async () => {
    await expect(new PositionWaiters().wait(5, 5, 1_000)).resolves.toBe(true);
  });

  it('resolves a wait only when an advance reaches its position', async () => {
    const waiters = new PositionWaiters();
    const outcomes: string[] = [];
    const low = waiters.wait(3, 0, 1_000).then((reached) => outcomes.push(`3:${reached}`));
    const high = waiters.wait(7, 0, 1_000).then((reached) => outcomes.push(`7:${reached}`));
    waiters.advance(4);
    await low;
    expect(outcomes).toEqual(['3:true']);
    waiters.advance(7);
    await high;
    expect(outcomes).toEqual(['3:true', '7:true']);
  });

  it('resolves false after the timeout', async () => {
    await expect(new PositionWaiters().wait(9, 1, 10)).resolves.toBe(false);
  });

  it('resolves pending waits false when cancelled', async () => {
    const waiters = new PositionWaiters();
    const pending = waiters.wait(9, 1, 60_000);
    waiters.cancelAll();
    await expect(pending).resolves.toBe(false);
  });
});
