import { SignJWT } from 'jose';
import { CachingTokenVerifier } from './caching-token.verifier';
import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER, DevTokenService } from './dev-token.service';
import type { Principal } from './principal';
import { TokenVerifier } from './token-verifier';

const SECRET = 'caching-verifier-spec-secret-of-32-characters';

/** The real dev-token verifier, counting its signature checks. */
class Counting extends TokenVerifier {
  calls = 0;
  constructor(readonly inner: DevTokenService) {
    super();
  }
  verify(token: string): Promise<Principal> {
    this.calls += 1;
    return this.inner.verify(token);
  }
}

describe('CachingTokenVerifier', () => {
  const devTokens = new DevTokenService({ devTokenSecret: SECRET, devTokenTtlSeconds: 3600 });
  let clock: number;
  let inner: Counting;
  let cache: CachingTokenVerifier;
  const token = async (sub: string) => (await devTokens.issue({ sub, roles: ['auditor'], governingBodyIds: [] } as unknown as Principal)).accessToken;

  beforeEach(() => {
    clock = Date.now();
    inner = new Counting(devTokens);
    cache = new CachingTokenVerifier(inner, { maxEntries: 2, maxAgeMs: 60_000, now: () => clock });
  });

  it('given a token verified once, when it comes again within a minute, then it answers the same principal without verifying again', async () => {
    const alice = await token('alice');
    const first = await cache.verify(alice);
    const second = await cache.verify(alice);
    expect(second).toEqual(first);
    expect(second.sub).toBe('alice');
    expect(inner.calls).toBe(1);
  });

  it('given a cached token, when the minute has passed, then it is verified again', async () => {
    const alice = await token('alice');
    await cache.verify(alice);
    clock += 60_001;
    await cache.verify(alice);
    expect(inner.calls).toBe(2);
  });

  it('never answers a token past its own exp from the cache, even within the minute', async () => {
    const shortLived = await new SignJWT({ roles: ['auditor'] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('bob')
      .setIssuer(DEV_TOKEN_ISSUER)
      .setAudience(DEV_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(clock / 1000) + 30)
      .sign(new TextEncoder().encode(SECRET));
    await cache.verify(shortLived);
    await cache.verify(shortLived);
    expect(inner.calls).toBe(1);
    clock += 31_000;
    await cache.verify(shortLived).catch(() => undefined);
    expect(inner.calls).toBe(2);
  });

  it('caches no failure: a bad token is checked every time', async () => {
    const forged = `${(await token('eve')).slice(0, -4)}AAAA`;
    await expect(cache.verify(forged)).rejects.toThrow();
    await expect(cache.verify(forged)).rejects.toThrow();
    expect(inner.calls).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('is bounded: the least recently used token leaves first', async () => {
    const [a, b, c] = await Promise.all([token('a'), token('b'), token('c')]);
    await cache.verify(a);
    await cache.verify(b);
    await cache.verify(a);
    await cache.verify(c);
    expect(cache.size).toBe(2);
    inner.calls = 0;
    await cache.verify(a);
    await cache.verify(c);
    expect(inner.calls).toBe(0);
    await cache.verify(b);
    expect(inner.calls).toBe(1);
  });
});
