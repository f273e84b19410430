import type { FastifyInstance, FastifyRequest } from 'fastify';
import { messageText, ProblemException } from '@reorg/http';

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * A body sent without a Content-Type (curl's --data-binary, a client that forgot the header) is
 * refused with 415 saying to send application/json, before any parser or schema sees it: the
 * schema's findings about a body it could not read would only be noise.
 */
export function guardMediaType(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (request.headers['content-type'] !== undefined || !hasBody(request)) return done();
    done(new ProblemException({ code: 'UNSUPPORTED_MEDIA_TYPE', detail: messageText('detail.missingContentType') }));
  });
}
