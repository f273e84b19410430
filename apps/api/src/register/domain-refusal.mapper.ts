import { DomainRefusal, type Violation } from '@reorg/domain';
import { type ErrorMapper, PROBLEM_TYPES, type ProblemCode, type ProblemItem, isProblemCode } from '@reorg/http';

const CODE_BY_KIND: Record<DomainRefusal['kind'], ProblemCode> = {
  RULE_VIOLATION: 'RULE_VIOLATION',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  INVALID_STATE: 'INVALID_STATE',
  DUPLICATE_CODE: 'DUPLICATE_CODE',
  DUPLICATE_DECISION: 'DUPLICATE_DECISION',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  CONFLICT: 'VERSION_CONFLICT',
};

const SUMMARY_VI: Record<DomainRefusal['kind'], string> = {
  RULE_VIOLATION: 'Yêu cầu vi phạm quy định nghiệp vụ',
  NOT_FOUND: 'Không tìm thấy đối tượng được nêu',
  FORBIDDEN: 'Không có quyền thực hiện thao tác này',
  INVALID_STATE: 'Trạng thái hiện tại không cho phép thao tác này',
  DUPLICATE_CODE: 'Mã đã được sử dụng',
  DUPLICATE_DECISION: 'Quyết định này đã được ghi nhận',
  PRECONDITION_FAILED: 'Phiên bản hồ sơ không khớp If-Match',
  CONFLICT: 'Dữ liệu vừa bị thay đổi bởi yêu cầu khác',
};

function itemOf(violation: Violation & { row?: unknown }): ProblemItem {
  return {
    code: violation.code,
    detail: violation.detail,
    ...(violation.path !== undefined ? { path: violation.path } : {}),
    ...(typeof violation.row === 'number' ? { row: violation.row } : {}),
    ...(violation.decisionIndex !== undefined ? { decisionIndex: violation.decisionIndex } : {}),
    ...(violation.operationIndex !== undefined ? { operationIndex: violation.operationIndex } : {}),
  };
}

/**
 * The one place refusals become HTTP: RULE_VIOLATION → 422 with one `errors[]` item per broken
 * rule; other kinds by their usual status. A FORBIDDEN or CONFLICT refusal whose violation names a
 * more specific problem of the same status (SEGREGATION_OF_DUTIES, STEP_NOT_PENDING, STALE_DOSSIER)
 * answers with that code.
 */
export const domainRefusalMapper: ErrorMapper = (error) => {
  if (!(error instanceof DomainRefusal)) return undefined;
  let code = CODE_BY_KIND[error.kind];
  const specific = error.violations[0]?.code;
  if (code !== 'RULE_VIOLATION' && isProblemCode(specific) && PROBLEM_TYPES[specific].status === PROBLEM_TYPES[code].status) code = specific;
  const codes = [...new Set(error.violations.map((v) => v.code))].join(', ');
  const english = error.violations.map((v) => v.detail).join('; ') || PROBLEM_TYPES[code].title.en;
  const summary = codes ? `${SUMMARY_VI[error.kind]} (${codes}).` : `${SUMMARY_VI[error.kind]}.`;
  // Rules that explain themselves in Vietnamese (the 2025 restructuring rules, naming their legal source) are answered in full.
  const vietnamese = error.violations.length && error.violations.every((v) => v.detailVi) ? `${summary} ${error.violations.map((v) => v.detailVi).join('; ')}` : summary;
  return {
    code,
    detail: { vi: vietnamese, en: english },
    errors: error.violations.map(itemOf),
  };
};
