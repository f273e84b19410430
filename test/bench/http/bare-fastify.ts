/* The HTTP edge's raw baseline: bare Fastify answering GET /health with the app's JSON, nothing else. */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) }).then(() => process.stdout.write('listening\n'));
