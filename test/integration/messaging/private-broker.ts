import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from '../../global-setup';

/** A second single-node broker of the test's own (ports, data dir, PID file), for fault injection. */
export interface PrivateBroker {
  brokers: string[];
  /** Holds the broker's PID (start.sh writes it). */
  pidFile: string;
  /** kill -9: no shutdown, no flush by the broker itself. */
  kill(): Promise<void>;
  /** Starts it again on the same data (topics, offsets and acknowledged messages kept). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startPrivateBroker(): Promise<PrivateBroker> {
  const dir = await mkdtemp(join(tmpdir(), 'private-kafka-'));
  const [port, controllerPort] = [await freePort(), await freePort()];
  const env = {
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    KAFKA_PID_FILE: join(dir, 'broker.pid'),
    KAFKA_DIR: join(dir, 'broker'),
  };
  await runScript('deploy/kafka/start.sh', env);
  const pid = async (): Promise<number> => Number((await readFile(env.KAFKA_PID_FILE, 'utf8')).trim());
  return {
    brokers: [`127.0.0.1:${port}`],
    pidFile: env.KAFKA_PID_FILE,
    kill: async () => {
      const brokerPid = await pid();
      process.kill(brokerPid, 'SIGKILL');
      while (isAlive(brokerPid)) await new Promise((resolve) => setTimeout(resolve, 50));
    },
    restart: () => runScript('deploy/kafka/start.sh', { ...env, KAFKA_REUSE_DATA: '1' }),
    stop: async () => {
      await runScript('deploy/kafka/stop.sh', env);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
