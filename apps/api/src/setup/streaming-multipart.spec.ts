import Fastify, { type FastifyInstance } from 'fastify';
import { streamingMultipart } from './streaming-multipart';

const BOUNDARY = 'spec-boundary';
const upload = (content: string) =>
  [`--${BOUNDARY}`, 'Content-Disposition: form-data; name="file"; filename="a.txt"', 'Content-Type: text/plain', '', content, `--${BOUNDARY}--`, ''].join('\r\n');

describe('streamingMultipart', () => {
  let fastify: FastifyInstance;
  const onResponse: string[] = [];

  beforeAll(async () => {
    fastify = Fastify();
    const addHook = fastify.addHook.bind(fastify);
    fastify.addHook = ((name: string, hook: never) => {
      onResponse.push(name);
      return addHook(name as never, hook);
    }) as never;
    await fastify.register(streamingMultipart, { limits: { fileSize: 1024 } });
    fastify.addHook = addHook as never;
    fastify.post('/parts', async (request) => {
      const names: string[] = [];
      for await (const part of request.parts()) {
        if (part.type === 'file') names.push(`${part.filename}:${(await part.toBuffer()).toString()}`);
      }
      return { names };
    });
    fastify.post('/saved', async (request) => {
      await request.saveRequestFiles();
      return {};
    });
    fastify.get('/plain', async () => ({ ok: true }));
    await fastify.ready();
  });

  afterAll(() => fastify.close());

  const post = (url: string) => fastify.inject({ method: 'POST', url, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload: upload('hello') });

  it('reads the parts of a multipart/form-data request as streams', async () => {
    const response = await post('/parts');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ names: ['a.txt:hello'] });
  });

  it('adds no per-request onResponse hook (the temp-file cleanup)', () => {
    expect(onResponse).not.toContain('onResponse');
  });

  it('refuses saveRequestFiles(): the temporary files it writes would never be deleted', async () => {
    const response = await post('/saved');
    expect(response.statusCode).toBe(500);
  });

  it('leaves the instance as it was: hooks added later are all kept', async () => {
    let seen = 0;
    const other = Fastify();
    await other.register(streamingMultipart);
    other.addHook('onResponse', async () => {
      seen++;
    });
    other.get('/plain', async () => ({ ok: true }));
    expect((await other.inject({ method: 'GET', url: '/plain' })).statusCode).toBe(200);
    expect(seen).toBe(1);
    await other.close();
  });
});
