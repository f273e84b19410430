import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppOptions, startApp } from '../../../apps/api/src/create-app';

export const TEST_DEV_SECRET = 'e2e-dev-token-secret-at-least-32-characters';

export interface RunningApp {
  app: NestFastifyApplication;
  /** http://127.0.0.1:<ephemeral port> */
  url: string;
  close(): Promise<void>;
}

/** The real application on an ephemeral loopback port, with its own SQLite files in a temp folder. */
export async function startTestApp(env: Record<string, string> = {}, options: Pick<AppOptions, 'logDestination'> = {}): Promise<RunningApp> {
  const dir = await mkdtemp(join(tmpdir(), 'reorg-e2e-'));
  const app = await startApp({
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      PORT: '0',
      EVENT_STORE: 'sqlite',
      SQLITE_PATH: join(dir, 'events.sqlite'),
      DATA_DIR: dir, READ_MODEL_SQLITE_PATH: join(dir, 'read-models.sqlite'),
      DEV_TOKEN_SECRET: TEST_DEV_SECRET,
      ...env,
    },
    ...options,
  });
  return {
    app,
    url: await app.getUrl(),
    close: async () => {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
