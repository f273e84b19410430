/* The read bench's raw baseline: bare Fastify answering each route with a body the API gave, read once from BENCH_BODIES_DIR. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';

const dir = process.env.BENCH_BODIES_DIR ?? '.';
const structure = readFileSync(join(dir, 'structure.json'), 'utf8');
const unit = readFileSync(join(dir, 'unit.json'), 'utf8');

const app = Fastify({ logger: false });
app.get('/api/v1/structure', (_request, reply) => void reply.type('application/json; charset=utf-8').send(structure));
app.get('/api/v1/units/:id', (_request, reply) => void reply.type('application/json; charset=utf-8').send(unit));
app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) }).then(() => process.stdout.write('listening\n'));
