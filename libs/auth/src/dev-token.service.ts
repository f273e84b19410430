import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Principal } from './principal';
import { principalFromVerification, REQUIRED_CLAIMS, TokenVerifier } from './token-verifier';

export const DEV_TOKEN_ISSUER = 'urn:reorg:dev-token-issuer';
export const DEV_TOKEN_AUDIENCE = 'urn:reorg:api';
const ALGORITHM = 'HS256';

export interface IssuedToken {
  accessToken: string;
  /** Seconds until expiry. */
  expiresIn: number;
}

export interface DevTokenSettings {
  devTokenSecret: string;
  devTokenTtlSeconds: number;
}

/** AUTH_MODE=dev: issues and verifies HS256 tokens signed with DEV_TOKEN_SECRET (or the secret kept in the data folder). */
export class DevTokenService extends TokenVerifier {
  private readonly key: Uint8Array;

  constructor(private readonly config: DevTokenSettings) {
    super();
    this.key = new TextEncoder().encode(config.devTokenSecret);
  }

  async issue(principal: Principal): Promise<IssuedToken> {
    const expiresIn = this.config.devTokenTtlSeconds;
    const accessToken = await new SignJWT({
      ...(principal.name ? { name: principal.name } : {}),
      roles: principal.roles,
      governingBodyIds: principal.governingBodyIds,
    })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(principal.sub)
      .setIssuer(DEV_TOKEN_ISSUER)
      .setAudience(DEV_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .setJti(randomUUID())
      .sign(this.key);
    return { accessToken, expiresIn };
  }

  verify(token: string): Promise<Principal> {
    return principalFromVerification(
      () => jwtVerify(token, this.key, { algorithms: [ALGORITHM], issuer: DEV_TOKEN_ISSUER, audience: DEV_TOKEN_AUDIENCE, requiredClaims: REQUIRED_CLAIMS }),
      'local',
    );
  }
}
