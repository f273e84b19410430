import { SignJWT, UnsecuredJWT, type JWTPayload, type KeyLike } from 'jose';

const seconds = () => Math.floor(Date.now() / 1000);

export interface TokenSpec {
  key: KeyLike | Uint8Array;
  alg: string;
  kid?: string;
  issuer: string;
  audience: string;
  claims?: JWTPayload;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
}

export function signToken(spec: TokenSpec): Promise<string> {
  const now = seconds();
  const expiresIn = spec.expiresIn ?? 300;
  return new SignJWT({ roles: ['auditor'], governingBodyIds: [], ...spec.claims })
    .setProtectedHeader({ alg: spec.alg, typ: 'JWT', ...(spec.kid ? { kid: spec.kid } : {}) })
    .setSubject(String(spec.claims?.sub ?? 'user-1'))
    .setIssuer(spec.issuer)
    .setAudience(spec.audience)
    .setIssuedAt(Math.min(now, now + expiresIn - 60))
    .setExpirationTime(now + expiresIn)
    .sign(spec.key);
}

/** A token with `alg: none` and no signature. */
export function unsignedToken(issuer: string, audience: string): string {
  return new UnsecuredJWT({ roles: ['admin'], governingBodyIds: [] })
    .setSubject('intruder')
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('5m')
    .encode();
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}
