import { BadRequestException, ForbiddenException, HttpException, NotFoundException } from '@nestjs/common';
import { InvalidAppendError, VersionConflictError } from '@reorg/event-store';
import { z } from 'zod';
import { ProblemException } from './problem.exception';
import { toProblem } from './to-problem';

function fastifyError(message: string, statusCode: number, code?: string, base: new (m: string) => Error = Error): Error {
  return Object.assign(new base(message), { statusCode, ...(code ? { code } : {}) });
}

describe('toProblem', () => {
  it('renders a ProblemException with its code, localized detail, items and headers', () => {
    const error = new ProblemException({
      code: 'UNAUTHENTICATED',
      detail: { vi: 'Thiếu mã truy cập.', en: 'No access token.' },
      headers: { 'www-authenticate': 'Bearer' },
    });
    expect(toProblem(error, 'en')).toEqual({
      problem: {
        type: 'urn:reorg:problem:unauthenticated',
        title: 'Unauthenticated',
        status: 401,
        detail: 'No access token.',
        code: 'UNAUTHENTICATED',
      },
      headers: { 'www-authenticate': 'Bearer' },
      unexpected: false,
    });
    expect(toProblem(error, 'vi').problem).toMatchObject({ title: 'Chưa xác thực', detail: 'Thiếu mã truy cập.' });
  });

  it('lists zod issues with their paths and codes', () => {
    const schema = z.object({ operations: z.array(z.object({ code: z.string() })), asOf: z.iso.date() });
    const error = schema.safeParse({ operations: [{ code: 7 }], asOf: 'yesterday' }, { reportInput: true }).error;
    const { problem } = toProblem(error, 'en');
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors).toEqual([
      { path: 'operations[0].code', code: 'INVALID_TYPE', detail: 'operations[0].code: give text, e.g. "Trung tâm Y tế"' },
      { path: 'asOf', code: 'INVALID_FORMAT', detail: 'asOf: a date is written YYYY-MM-DD, e.g. 2019-12-31' },
    ]);
  });

  it('words validation from the catalogue in Vietnamese (field, what is expected, an example) and keeps a schema’s own message', () => {
    const schema = z.object({ name: z.string(), code: z.string().refine(() => false, 'code is taken'), asOf: z.iso.date({ error: 'validation.format.date' }) });
    const error = schema.safeParse({ name: 1, code: 'X' }, { reportInput: true }).error;
    const { problem } = toProblem(error, 'vi');
    expect(problem.title).toBe('Dữ liệu không hợp lệ');
    expect(problem.errors?.[0].detail).toBe('name: hãy nêu một chuỗi văn bản, ví dụ "Trung tâm Y tế"');
    expect(problem.errors?.[1]).toEqual({ path: 'code', code: 'CUSTOM', detail: 'code is taken' });
    expect(problem.errors?.[2].detail).toBe('thiếu trường asOf: ngày phải có dạng YYYY-MM-DD, ví dụ 2019-12-31');
  });

  it('takes code and localized detail from a custom issue’s params', () => {
    const schema = z.string().refine(() => false, { params: { code: 'UNKNOWN_SECTOR', detail: { vi: 'Lĩnh vực không tồn tại', en: 'No such sector' } } });
    const { problem } = toProblem(schema.safeParse('X').error, 'en');
    expect(problem.errors).toEqual([{ code: 'UNKNOWN_SECTOR', detail: 'No such sector' }]);
  });

  it('maps a version conflict of the event store to 409 VERSION_CONFLICT', () => {
    const { problem } = toProblem(new VersionConflictError('unit-1', 3, 4), 'en');
    expect(problem).toMatchObject({ status: 409, code: 'VERSION_CONFLICT', title: 'Version conflict' });
    expect(problem.detail).toContain('unit-1');
  });

  it('maps an invalid append to 400', () => {
    const { problem } = toProblem(new InvalidAppendError('no events for stream unit-1'), 'en');
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ code: 'INVALID_APPEND', detail: 'no events for stream unit-1' }] });
  });

  it('maps Nest HTTP exceptions by status', () => {
    expect(toProblem(new ForbiddenException('not yours'), 'en').problem).toMatchObject({ status: 403, code: 'FORBIDDEN', detail: 'not yours' });
    expect(toProblem(new ForbiddenException('not yours'), 'vi').problem.detail).toBe('Yêu cầu không được chấp nhận (403); hãy kiểm tra đường dẫn, tiêu đề và nội dung theo tài liệu tại /docs.');
    expect(toProblem(new BadRequestException(['a is bad', 'b is bad']), 'en').problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', detail: 'a is bad; b is bad' });
    expect(toProblem(new HttpException({ code: 'STALE_DOSSIER', message: 'old' }, 409), 'en').problem).toMatchObject({ code: 'STALE_DOSSIER' });
  });

  it('answers an unknown route with a localized 404', () => {
    const { problem } = toProblem(new NotFoundException('Cannot GET /api/v1/nothing'), 'vi');
    expect(problem).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'Không tìm thấy', detail: 'Không có đường dẫn GET /api/v1/nothing; xem danh sách đường dẫn tại /docs.' });
  });

  it('maps Fastify body errors: too large, malformed and empty JSON, media type', () => {
    expect(toProblem(fastifyError('Request body is too large', 413, 'FST_ERR_CTP_BODY_TOO_LARGE'), 'en').problem).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(toProblem(fastifyError('Unexpected token', 400, undefined, SyntaxError), 'en').problem).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'The request body is not well-formed JSON.',
    });
    expect(toProblem(fastifyError('Body is not valid JSON', 400, 'FST_ERR_CTP_INVALID_JSON_BODY'), 'vi').problem.detail).toBe('Nội dung JSON không đúng cú pháp; hãy kiểm tra dấu ngoặc, dấu phẩy và dấu nháy kép.');
    expect(toProblem(fastifyError('empty', 400, 'FST_ERR_CTP_EMPTY_JSON_BODY'), 'en').problem.code).toBe('VALIDATION_FAILED');
    expect(toProblem(fastifyError('bad type', 415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE'), 'en').problem).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('recognises Fastify body errors that Nest re-threw as HttpException', () => {
    const rethrown = new HttpException("Body is not valid JSON but content-type is set to 'application/json'", 400);
    expect(toProblem(rethrown, 'en').problem).toMatchObject({ code: 'VALIDATION_FAILED', detail: 'The request body is not well-formed JSON.' });
    expect(toProblem(new HttpException('Request body is too large', 413), 'vi').problem).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      detail: 'Nội dung yêu cầu vượt quá giới hạn cho phép; hãy chia nhỏ dữ liệu gửi lên.',
    });
  });

  it('lets registered mappers translate other modules’ errors', () => {
    class RuleBroken extends Error {}
    const mapper = (error: unknown) => (error instanceof RuleBroken ? { code: 'RULE_VIOLATION' as const, errors: [{ code: 'QUOTA_MUST_NOT_INCREASE', detail: error.message }] } : undefined);
    const { problem } = toProblem(new RuleBroken('quota grew'), 'en', [mapper]);
    expect(problem).toMatchObject({ status: 422, code: 'RULE_VIOLATION', errors: [{ code: 'QUOTA_MUST_NOT_INCREASE' }] });
  });

  it('hides the message of an unexpected error and flags it as a defect', () => {
    const rendered = toProblem(new TypeError('cannot read properties of undefined (secret internals)'), 'en');
    expect(rendered.unexpected).toBe(true);
    expect(rendered.problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', title: 'Internal server error' });
    expect(rendered.problem.detail).not.toContain('secret');
    expect(toProblem('a thrown string', 'vi').problem.status).toBe(500);
  });
});
