import { ProblemException } from '@reorg/http';

const REALM = 'reorg';

const DETAILS = {
  missing: { vi: 'Thiếu mã truy cập: gửi kèm tiêu đề Authorization: Bearer <token>.', en: 'No access token: send Authorization: Bearer <token>.' },
  malformed: { vi: 'Tiêu đề Authorization phải có dạng Bearer <token>.', en: 'The Authorization header must read Bearer <token>.' },
  expired: { vi: 'Mã truy cập đã hết hạn.', en: 'The access token has expired.' },
  invalid: { vi: 'Mã truy cập không hợp lệ.', en: 'The access token is invalid.' },
  noPrincipal: { vi: 'Mã truy cập không mô tả người dùng (sub, roles).', en: 'The access token does not describe a user (sub, roles).' },
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
    detail: { vi: 'Không lấy được khóa của nhà cung cấp định danh (JWKS).', en: 'The identity provider’s keys (JWKS) could not be fetched.' },
  });
}
