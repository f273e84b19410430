import { decodeJwt } from 'jose';
import type { Principal } from './principal';
import { TokenVerifier } from './token-verifier';

export interface VerificationCacheOptions {
  /** Tokens remembered at most (the least recently verified leave first). Default 10,000. */
  maxEntries?: number;
  /** A verified token is trusted without a new signature check for at most this long (and never past its exp). Default 60 s. */
  maxAgeMs?: number;
  now?: () => number;
}

interface Entry {
  principal: Principal;
  until: number;
}

/**
 * Remembers the principal of each token verified successfully, keyed by the token itself, until
 * the token expires or `maxAgeMs` passes, whichever is first: the signature check, claims and key
 * lookup run once per token and minute instead of once per request. Failures are never cached,
 * so a rotated key or an unavailable provider is seen on the next request; a key withdrawn from the
 * provider stops tokens signed with it within `maxAgeMs`.
 */
export class CachingTokenVerifier extends TokenVerifier {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly inner: TokenVerifier,
    options: VerificationCacheOptions = {},
  ) {
    super();
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  async verify(token: string): Promise<Principal> {
    const now = this.now();
    const cached = this.entries.get(token);
    if (cached) {
      this.entries.delete(token);
      if (now < cached.until) {
        this.entries.set(token, cached);
        return cached.principal;
      }
    }
    const principal = await this.inner.verify(token);
    const exp = decodeJwt(token).exp;
    const until = Math.min(now + this.maxAgeMs, typeof exp === 'number' ? exp * 1000 : now);
    if (until > now) {
      this.entries.set(token, { principal, until });
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
    return principal;
  }

  get size(): number {
    return this.entries.size;
  }
}
