import { ArgumentsHost, Catch, ExceptionFilter, Inject, Logger, Optional } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { preferredLanguage } from './language';
import { PROBLEM_CONTENT_TYPE } from './problem-details';
import { toProblem, type ErrorMapper } from './to-problem';

export const ERROR_MAPPERS = Symbol('ERROR_MAPPERS');

/** Renders every error as application/problem+json (RFC 9457), in the language the client prefers. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(@Optional() @Inject(ERROR_MAPPERS) private readonly mappers: ErrorMapper[] = []) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const language = preferredLanguage(request.headers['accept-language']);
    const { problem, headers, unexpected } = toProblem(error, language, this.mappers);

    if (unexpected) {
      this.logger.error({ err: error, method: request.method, url: request.url }, 'unexpected error (a defect): answered 500');
    } else if (problem.status >= 500) {
      this.logger.warn({ err: error, method: request.method, url: request.url }, `answered ${problem.status} ${problem.code}`);
    }
    if (reply.sent) return;
    reply
      .code(problem.status)
      .headers({ ...headers, 'content-type': PROBLEM_CONTENT_TYPE, 'content-language': language, vary: 'Accept-Language' })
      .send(JSON.stringify(problem));
  }
}
