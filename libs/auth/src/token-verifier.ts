import { errors, type JWTPayload, type JWTVerifyResult } from 'jose';
import { identityProviderUnavailable, unauthenticated } from './auth-problems';
import { principalFromClaims, type Principal } from './principal';

/** Turns a bearer token into the caller, or throws a problem (401; 503 when the provider's keys cannot be fetched). */
export abstract class TokenVerifier {
  abstract verify(token: string): Promise<Principal>;
}

/** Every token must name its subject and expire. */
export const REQUIRED_CLAIMS = ['sub', 'exp'];

/** Failures fetching a remote key set are the provider's, not the caller's. */
function isKeySetUnavailable(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  return error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error.code === 'ERR_JOSE_GENERIC';
}

/** Runs jose's verification and reads the principal from the claims, mapping every failure to a problem. */
export async function principalFromVerification(
  verification: () => Promise<JWTVerifyResult<JWTPayload>>,
  keys: 'local' | 'remote',
): Promise<Principal> {
  let payload: JWTPayload;
  try {
    payload = (await verification()).payload;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw unauthenticated('expired');
    if (keys === 'remote' && isKeySetUnavailable(error)) throw identityProviderUnavailable();
    throw unauthenticated('invalid');
  }
  const principal = principalFromClaims(payload);
  if (!principal) throw unauthenticated('noPrincipal');
  return principal;
}
