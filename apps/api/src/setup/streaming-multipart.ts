import { fastifyMultipart, type FastifyMultipartOptions } from '@fastify/multipart';
import type { FastifyInstance, FastifyPluginCallback } from 'fastify';

/**
 * @fastify/multipart as the api uses it: parts read as streams (`request.parts()`), never saved to
 * temporary files. The plugin adds to every request of the server an `onResponse` hook that deletes the
 * files `saveRequestFiles()` saved; for the api it never has anything to delete and costs every request
 * (`GET /health` included) two async calls. So it is registered without that hook, and
 * `saveRequestFiles()` refuses: whoever needs it must bring the cleanup back.
 */
export const streamingMultipart: FastifyPluginCallback<FastifyMultipartOptions> = (fastify, options, done) => {
    const { addHook, decorateRequest } = fastify;
    const instance = fastify as unknown as Record<'addHook' | 'decorateRequest', unknown>;
    instance.addHook = function (this: FastifyInstance, name: string, hook: unknown) {
      return name === 'onResponse' ? this : Reflect.apply(addHook, this, [name, hook]);
    };
    instance.decorateRequest = function (this: FastifyInstance, name: string, value: unknown) {
      return Reflect.apply(decorateRequest, this, [name, name === 'saveRequestFiles' ? refuseTemporaryFiles : value]);
    };
    try {
      fastifyMultipart(fastify, options, done);
    } finally {
      instance.addHook = addHook;
      instance.decorateRequest = decorateRequest;
    }
};
// Not encapsulated (as fastify-plugin would mark it): the request decorators must reach Nest's routes.
Object.assign(streamingMultipart, { [Symbol.for('skip-override')]: true, [Symbol.for('fastify.display-name')]: 'streaming-multipart' });

function refuseTemporaryFiles(): never {
  throw new Error('saveRequestFiles() is not available: streamingMultipart deletes no temporary files (read request.parts() instead)');
}
