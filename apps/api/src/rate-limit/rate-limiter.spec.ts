import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows the limit per key and minute, then answers how long to wait', () => {
    let now = 1_000;
    const limiter = new RateLimiter(3, () => now);
    expect([1, 2, 3].map(() => limiter.take('alice'))).toEqual([
      { allowed: true, remaining: 2, resetSeconds: 60 },
      { allowed: true, remaining: 1, resetSeconds: 60 },
      { allowed: true, remaining: 0, resetSeconds: 60 },
    ]);
    now += 20_500;
    expect(limiter.take('alice')).toEqual({ allowed: false, retryAfterSeconds: 40 });
  });

  it('counts each key on its own', () => {
    const limiter = new RateLimiter(1, () => 0);
    expect(limiter.take('alice').allowed).toBe(true);
    expect(limiter.take('bob').allowed).toBe(true);
    expect(limiter.take('alice').allowed).toBe(false);
  });

  it('opens a new window a minute after the first request of the last one', () => {
    let now = 0;
    const limiter = new RateLimiter(1, () => now);
    limiter.take('alice');
    now = 59_999;
    expect(limiter.take('alice')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now = 60_000;
    expect(limiter.take('alice')).toEqual({ allowed: true, remaining: 0, resetSeconds: 60 });
  });
});
