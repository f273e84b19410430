import { messageText, ProblemException } from '@reorg/http';

const REALM = 'reorg';

const DETAILS = {
  missing: messageText('auth.missing'),
  malformed: messageText('auth.malformed'),
  expired: messageText('auth.expired'),
  invalid: messageText('auth.invalid'),
  noPrincipal: messageText('auth.noPrincipal'),
} as const;

export type UnauthenticatedReason = keyof typeof DETAILS;

/** 401 with an RFC 6750 challenge. */
export function unauthenticated(reason: UnauthenticatedReason): ProblemException {
  const challenge =
    reason === 'missing' ? `Bearer realm="${REALM}"` : `Bearer realm="${REALM}", error="invalid_token", error_description="${DETAILS[reason].en}"`;
  return new ProblemException({ code: 'UNAUTHENTICATED', detail: DETAILS[reason], headers: { 'www-authenticate': challenge } });
}

export function forbidden(detail: { vi: string; en: string }): ProblemException {
  return new ProblemException({ code: 'FORBIDDEN', detail });
}

export function identityProviderUnavailable(): ProblemException {
  return new ProblemException({
    code: 'SERVICE_UNAVAILABLE',
    detail: messageText('auth.jwksUnavailable'),
  });
}
