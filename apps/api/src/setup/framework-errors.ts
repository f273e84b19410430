import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemException, preferredLanguage, toProblem, messageText } from '@reorg/http';

/** Refusals of the router itself, which would otherwise answer in Fastify's own JSON. */
function asProblem(error: Error & { code?: string }): unknown {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return new ProblemException({
        code: 'VALIDATION_FAILED',
        detail: messageText('http.percentEncoding.path'),
      });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ProblemException({
        code: 'VALIDATION_FAILED',
        status: 414,
        detail: messageText('http.pathParameterTooLong'),
      });
    default:
      return error;
  }
}

/** Fastify's `frameworkErrors`: errors raised before any route runs, answered as problem+json like every other error. */
export function frameworkErrors(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  const language = preferredLanguage(request.headers['accept-language']);
  const { problem, headers } = toProblem(asProblem(error), language);
  void reply
    .code(problem.status)
    .headers({ ...headers, 'content-type': PROBLEM_CONTENT_TYPE, 'content-language': language, vary: 'Accept-Language' })
    .send(JSON.stringify(problem));
}
