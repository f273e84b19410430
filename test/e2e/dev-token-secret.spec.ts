import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startApp } from '../../apps/api/src/create-app';

/**
 * Without DEV_TOKEN_SECRET the api keeps a generated secret in its data folder (issue 12, defect 5).
 * The folder is the embedded store's; with PostgreSQL it is ./data, which the same code resolves.
 */
describe('dev tokens survive a restart when DEV_TOKEN_SECRET is unset', () => {
  let dir: string;
  let app: NestFastifyApplication | undefined;

  const env = () => ({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    EVENT_STORE: 'sqlite',
    DATA_DIR: dir,
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reorg-dev-secret-'));
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const me = async (token: string) => (await fetch(`${await app!.getUrl()}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status;

  it('generates the secret once into the data folder (0600), and accepts tokens issued before a restart', async () => {
    app = await startApp({ env: env() });
    const issued = await fetch(`${await app.getUrl()}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'nguyen.van.a', roles: ['admin'] }) });
    const { accessToken } = (await issued.json()) as { accessToken: string };
    expect(await me(accessToken)).toBe(200);
    const file = join(dir, 'dev-token-secret');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const secret = await readFile(file, 'utf8');
    expect(secret.trim().length).toBeGreaterThanOrEqual(32);
    await app.close();

    app = await startApp({ env: env() });
    expect(await me(accessToken)).toBe(200);
    expect(await readFile(file, 'utf8')).toBe(secret);
  });

  it('refuses to start on a secret file others may read, naming the file', async () => {
    const file = join(dir, 'dev-token-secret');
    await chmod(file, 0o644);
    await expect(startApp({ env: env() })).rejects.toThrow(`${file} may be read by others`);
    await chmod(file, 0o600);
  });
});
