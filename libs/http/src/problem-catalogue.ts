import type { LocalizedText } from './language';

/** Titles of the problem codes (docs/http-contract.md#problem-details), by code. The status is the usual one for the code. */
export const PROBLEM_TYPES = {
  VALIDATION_FAILED: { status: 400, title: { vi: 'Dữ liệu không hợp lệ', en: 'Validation failed' } },
  UNAUTHENTICATED: { status: 401, title: { vi: 'Chưa xác thực', en: 'Unauthenticated' } },
  FORBIDDEN: { status: 403, title: { vi: 'Không có quyền thực hiện', en: 'Forbidden' } },
  SEGREGATION_OF_DUTIES: { status: 403, title: { vi: 'Vi phạm nguyên tắc phân tách nhiệm vụ', en: 'Segregation of duties violated' } },
  NOT_FOUND: { status: 404, title: { vi: 'Không tìm thấy', en: 'Not found' } },
  METHOD_NOT_ALLOWED: { status: 405, title: { vi: 'Phương thức không được hỗ trợ', en: 'Method not allowed' } },
  NOT_ACCEPTABLE: { status: 406, title: { vi: 'Không có định dạng phù hợp', en: 'Not acceptable' } },
  CONFLICT: { status: 409, title: { vi: 'Xung đột dữ liệu', en: 'Conflict' } },
  VERSION_CONFLICT: { status: 409, title: { vi: 'Xung đột phiên bản', en: 'Version conflict' } },
  STEP_NOT_PENDING: { status: 409, title: { vi: 'Bước phê duyệt không còn chờ xử lý', en: 'Step not pending' } },
  STALE_DOSSIER: { status: 409, title: { vi: 'Hồ sơ đã có phiên bản mới hơn', en: 'Stale dossier version' } },
  DUPLICATE_CODE: { status: 409, title: { vi: 'Mã đã được sử dụng', en: 'Duplicate code' } },
  DUPLICATE_DECISION: { status: 409, title: { vi: 'Quyết định đã được ghi nhận', en: 'Duplicate decision' } },
  INVALID_STATE: { status: 409, title: { vi: 'Trạng thái không cho phép thao tác này', en: 'Invalid state for this action' } },
  IDEMPOTENCY_KEY_REUSED: { status: 409, title: { vi: 'Idempotency-Key đã dùng cho yêu cầu khác', en: 'Idempotency key reused' } },
  REQUEST_TIMEOUT: { status: 408, title: { vi: 'Hết thời gian chờ yêu cầu', en: 'Request timeout' } },
  PRECONDITION_FAILED: { status: 412, title: { vi: 'Điều kiện If-Match không khớp', en: 'Precondition failed' } },
  PAYLOAD_TOO_LARGE: { status: 413, title: { vi: 'Dữ liệu gửi lên quá lớn', en: 'Payload too large' } },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: { vi: 'Kiểu nội dung không được hỗ trợ', en: 'Unsupported media type' } },
  RULE_VIOLATION: { status: 422, title: { vi: 'Vi phạm quy định nghiệp vụ', en: 'Business rule violated' } },
  PRECONDITION_REQUIRED: { status: 428, title: { vi: 'Thiếu điều kiện If-Match', en: 'Precondition required' } },
  REQUEST_HEADERS_TOO_LARGE: { status: 431, title: { vi: 'Tiêu đề yêu cầu quá lớn', en: 'Request header fields too large' } },
  TOO_MANY_REQUESTS: { status: 429, title: { vi: 'Quá nhiều yêu cầu', en: 'Too many requests' } },
  RATE_LIMITED: { status: 429, title: { vi: 'Vượt quá giới hạn số yêu cầu', en: 'Rate limit exceeded' } },
  INTERNAL_ERROR: { status: 500, title: { vi: 'Lỗi hệ thống', en: 'Internal server error' } },
  RECORDED_AT_AHEAD_OF_CLOCK: { status: 503, title: { vi: 'Đồng hồ máy chủ chậm hơn nhật ký sự kiện', en: 'Server clock behind the event log' } },
  SERVICE_UNAVAILABLE: { status: 503, title: { vi: 'Dịch vụ tạm thời không sẵn sàng', en: 'Service unavailable' } },
} as const satisfies Record<string, { status: number; title: LocalizedText }>;

export type ProblemCode = keyof typeof PROBLEM_TYPES;

export function isProblemCode(code: unknown): code is ProblemCode {
  return typeof code === 'string' && Object.hasOwn(PROBLEM_TYPES, code);
}

/** The code for a bare HTTP status (an HttpException or a framework error that names no code). */
export function codeForStatus(status: number): ProblemCode {
  const byStatus: Record<number, ProblemCode> = {
    400: 'VALIDATION_FAILED',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    405: 'METHOD_NOT_ALLOWED',
    406: 'NOT_ACCEPTABLE',
    408: 'REQUEST_TIMEOUT',
    409: 'CONFLICT',
    412: 'PRECONDITION_FAILED',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    422: 'RULE_VIOLATION',
    428: 'PRECONDITION_REQUIRED',
    429: 'TOO_MANY_REQUESTS',
    431: 'REQUEST_HEADERS_TOO_LARGE',
    503: 'SERVICE_UNAVAILABLE',
  };
  return byStatus[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED');
}

/** Default details, used when the error itself carries none meant for clients. */
export const DETAILS = {
  malformedJson: { vi: 'Nội dung JSON không đúng cú pháp.', en: 'The request body is not well-formed JSON.' },
  emptyJson: { vi: 'Nội dung yêu cầu khai báo JSON nhưng để trống.', en: 'The request body is declared as JSON but is empty.' },
  bodyTooLarge: { vi: 'Nội dung yêu cầu vượt quá giới hạn cho phép.', en: 'The request body exceeds the size limit.' },
  unsupportedMediaType: { vi: 'Kiểu nội dung (Content-Type) không được hỗ trợ.', en: 'The Content-Type is not supported.' },
  headersTooLarge: {
    vi: 'Các tiêu đề của yêu cầu vượt quá giới hạn cho phép (16 KiB); hãy gửi mã truy cập và tiêu đề ngắn hơn.',
    en: 'The request headers exceed the size limit (16 KiB); send a shorter token and headers.',
  },
  requestTimeout: { vi: 'Yêu cầu không được gửi xong trong thời gian cho phép.', en: 'The request was not sent completely in time.' },
  malformedRequest: { vi: 'Yêu cầu HTTP không đúng cú pháp.', en: 'The HTTP request is malformed.' },
  routeNotFound: (route: string): LocalizedText => ({ vi: `Không có đường dẫn ${route}.`, en: `There is no route ${route}.` }),
  databaseUnavailable: {
    vi: 'Cơ sở dữ liệu tạm thời không phản hồi; hãy gửi lại sau giây lát (với cùng Idempotency-Key để chắc chắn chỉ thực hiện một lần).',
    en: 'The database is not answering for the moment; resend shortly (with the same Idempotency-Key to be sure it applies once).',
  },
  recordedAtAhead: (lastRecordedAt: string, now: string, maxSkewSeconds: number): LocalizedText => ({
    vi:
      `Sự kiện cuối cùng trong nhật ký được ghi lúc ${lastRecordedAt}, sớm hơn đồng hồ máy chủ (${now}) quá ${maxSkewSeconds} giây ` +
      '(EVENT_STORE_MAX_CLOCK_SKEW_SECONDS): không ghi thêm sự kiện nào cho đến khi đồng hồ bắt kịp hoặc nhật ký được kiểm tra (npm run cli -- verify).',
    en:
      `The log's last event was recorded at ${lastRecordedAt}, more than ${maxSkewSeconds} s ahead of the server clock (${now}) ` +
      '(EVENT_STORE_MAX_CLOCK_SKEW_SECONDS): no event is written until the clock catches up or the log is checked (npm run cli -- verify).',
  }),
  unexpected: {
    vi: 'Đã xảy ra lỗi không mong muốn; lỗi đã được ghi nhật ký.',
    en: 'An unexpected error occurred; it has been logged.',
  },
} as const;
