import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_TYPES } from './problem-catalogue';

export const PROBLEM_SCHEMA_NAME = 'ProblemDetails';

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details. `title` (and `detail` where the text is ours) follow Accept-Language: vi (default) or en.',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri', example: 'urn:reorg:problem:validation-failed' },
    title: { type: 'string', example: 'Dữ liệu không hợp lệ' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string' },
    code: { type: 'string', enum: Object.keys(PROBLEM_TYPES) },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'detail'],
        properties: {
          path: { type: 'string', example: 'operations[0].unit.code' },
          row: { type: 'integer' },
          decisionIndex: { type: 'integer' },
          operationIndex: { type: 'integer' },
          code: { type: 'string', example: 'INVALID_TYPE' },
          detail: { type: 'string', description: 'What is wrong with what it names, and what to do, in the answer’s language (Content-Language)' },
          legalSource: {
            type: 'object',
            description: 'The law the rule comes from, in both languages',
            properties: { vi: { type: 'string' }, en: { type: 'string', example: 'Decree 120/2020/ND-CP, art. 5.2, as amended by Decree 283/2025/ND-CP' } },
          },
        },
      },
    },
  },
} as const;

const DESCRIPTIONS: Record<number, string> = {
  400: 'VALIDATION_FAILED: malformed JSON, wrong types, missing fields, unknown values',
  401: 'UNAUTHENTICATED: no, expired or invalid bearer token',
  403: 'FORBIDDEN: the caller’s roles do not allow this',
  404: 'NOT_FOUND',
  409: 'Conflict (see `code`)',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  422: 'RULE_VIOLATION: `errors[].code` names the rule',
  428: 'PRECONDITION_REQUIRED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Documents problem+json responses for the given statuses. */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Problem details',
        content: { 'application/problem+json': { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` } } },
      }),
    ),
  );
}

/** Adds the ProblemDetails schema that ApiProblemResponses refers to. */
export function withProblemSchema(document: OpenAPIObject): OpenAPIObject {
  const components = document.components ?? {};
  return { ...document, components: { ...components, schemas: { ...components.schemas, [PROBLEM_SCHEMA_NAME]: problemSchema as never } } };
}
