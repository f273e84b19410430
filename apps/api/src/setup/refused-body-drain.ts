import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** Bodies up to this size are read and dropped before a refusal is sent; larger ones are cut off. */
export const MAX_DRAIN_BYTES = 64 * 1024 * 1024;
const MAX_DRAIN_MS = 20_000;

/** Reads and drops the rest of a request body; resolves at its end, or once the bounds are passed. */
function drain(request: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    let received = 0;
    const finish = () => {
      clearTimeout(timer);
      request.off('data', onData);
      request.off('end', finish);
      request.off('close', finish);
      request.off('error', finish);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_DRAIN_BYTES) finish();
    };
    const timer = setTimeout(finish, MAX_DRAIN_MS);
    request.on('data', onData);
    request.on('end', finish);
    request.on('close', finish);
    request.on('error', finish);
    request.resume();
  });
}

/**
 * A request refused while its body is still arriving (413 for a body over the limit, answered as soon
 * as Content-Length says so) would have its connection closed with unread data, which resets it: the
 * client then sees "connection reset" instead of the problem. So the rest of the body is read and
 * dropped first (within bounds), and only then is the refusal sent.
 */
export function drainRefusedBodies(fastify: FastifyInstance): void {
  // A callback hook: an answer that refuses nothing (most) costs no promise.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const raw = request.raw;
    if (reply.statusCode < 400 || raw.complete || raw.readableEnded || raw.destroyed) return done(null, payload);
    const declared = Number(raw.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_DRAIN_BYTES) return done(null, payload);
    void drain(raw).then(() => done(null, payload));
  });
}
