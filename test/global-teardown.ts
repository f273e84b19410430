import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { STARTED_KAFKA_PID_FILE_ENV, runScript } from './global-setup';

/** Stops the broker that global setup started (a broker that was already running is left alone). */
export default async function globalTeardown(): Promise<void> {
  const pidFile = process.env[STARTED_KAFKA_PID_FILE_ENV];
  if (!pidFile) return;
  delete process.env[STARTED_KAFKA_PID_FILE_ENV];
  await runScript('deploy/kafka/stop.sh', { KAFKA_PID_FILE: pidFile });
  rmSync(dirname(pidFile), { recursive: true, force: true });
}
