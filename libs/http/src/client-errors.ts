import type { Socket } from 'node:net';
import { DEFAULT_LANGUAGE } from './language';
import { DETAILS } from './problem-catalogue';
import { PROBLEM_CONTENT_TYPE } from './problem-details';
import { ProblemException } from './problem.exception';
import { toProblem } from './to-problem';

/** How long a refused connection may keep sending before it is cut. */
const LINGER_MS = 5_000;

function problemFor(error: NodeJS.ErrnoException): ProblemException {
  if (error.code === 'HPE_HEADER_OVERFLOW') return new ProblemException({ code: 'REQUEST_HEADERS_TOO_LARGE', detail: DETAILS.headersTooLarge });
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return new ProblemException({ code: 'REQUEST_TIMEOUT', detail: DETAILS.requestTimeout });
  return new ProblemException({ code: 'VALIDATION_FAILED', detail: DETAILS.malformedRequest });
}

/**
 * Fastify's `clientErrorHandler`: requests node:http refuses before any route (headers over 16 KiB,
 * a malformed request line, a timeout) answered as problem+json like every other error, in the
 * default language (the headers could not be read). The socket is ended, not destroyed, and what the
 * client still sends is read and dropped for a moment, so that the answer is not lost to a reset.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const { problem } = toProblem(problemFor(error), DEFAULT_LANGUAGE);
  const body = Buffer.from(JSON.stringify(problem), 'utf8');
  const head = [
    `HTTP/1.1 ${problem.status} ${problem.title.replace(/[^\x20-\x7e]/g, '')}`,
    `content-type: ${PROBLEM_CONTENT_TYPE}`,
    `content-language: ${DEFAULT_LANGUAGE}`,
    `content-length: ${body.length}`,
    'connection: close',
    '',
    '',
  ].join('\r\n');
  socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body]));
  socket.on('data', () => undefined);
  socket.resume();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
