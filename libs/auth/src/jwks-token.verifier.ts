import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { JwtAuthConfig } from '@reorg/config';
import type { Principal } from './principal';
import { principalFromVerification, REQUIRED_CLAIMS, TokenVerifier } from './token-verifier';

/** Only asymmetric algorithms: a symmetric one would let anyone holding the public key sign. */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** AUTH_MODE=jwt: verifies tokens of the organisation's OIDC provider against its JWKS (cached by jose). */
export class JwksTokenVerifier extends TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly config: JwtAuthConfig) {
    super();
    this.keys = createRemoteJWKSet(new URL(config.jwksUrl));
  }

  verify(token: string): Promise<Principal> {
    return principalFromVerification(
      () =>
        jwtVerify(token, this.keys, {
          algorithms: ASYMMETRIC_ALGORITHMS,
          issuer: this.config.issuer,
          audience: this.config.audience,
          requiredClaims: REQUIRED_CLAIMS,
        }),
      'remote',
    );
  }
}
