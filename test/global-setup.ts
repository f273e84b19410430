import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// Relative imports: jest's moduleNameMapper does not apply to global setup modules.
import {
  KAFKA_UNAVAILABLE_ENV,
  POSTGRES_UNAVAILABLE_ENV,
  kafkaBrokers,
  postgresUrl,
  probeKafka,
  probePostgres,
} from '../libs/testing/src/services';

// Read by global-teardown.ts: set only when this run started the broker itself.
export const STARTED_KAFKA_PID_FILE_ENV = 'TEST_KAFKA_STARTED_PID_FILE';

const repoRoot = resolve(__dirname, '..');
const isCi = process.env.CI === 'true' || process.env.CI === '1';

export default async function globalSetup(): Promise<void> {
  await ensurePostgres();
  await ensureKafka();
}

async function ensurePostgres(): Promise<void> {
  const url = postgresUrl();
  process.env.DATABASE_URL = url;
  try {
    await probePostgres(url);
  } catch (error) {
    unavailable('PostgreSQL', url, POSTGRES_UNAVAILABLE_ENV, messageOf(error));
  }
}

async function ensureKafka(): Promise<void> {
  const brokers = kafkaBrokers();
  process.env.KAFKA_BROKERS = brokers.join(',');
  try {
    await probeKafka(brokers);
    return;
  } catch (error) {
    const port = localBrokerPort(brokers);
    if (port === undefined) {
      unavailable('Kafka', brokers.join(','), KAFKA_UNAVAILABLE_ENV, messageOf(error));
      return;
    }
    try {
      await startLocalBroker(port);
    } catch (startError) {
      unavailable('Kafka', brokers.join(','), KAFKA_UNAVAILABLE_ENV, messageOf(startError));
    }
  }
}

/** The port when the brokers name a single loopback broker we may start ourselves. */
function localBrokerPort(brokers: string[]): number | undefined {
  if (brokers.length !== 1) return undefined;
  const match = /^(127\.0\.0\.1|localhost):(\d+)$/.exec(brokers[0]);
  return match ? Number(match[2]) : undefined;
}

async function startLocalBroker(port: number): Promise<void> {
  const pidFile = join(mkdtempSync(join(tmpdir(), 'jest-kafka-')), 'broker.pid');
  process.stderr.write(`\nNo Kafka broker on 127.0.0.1:${port}; starting one with deploy/kafka/start.sh\n`);
  await runScript('deploy/kafka/start.sh', {
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: process.env.KAFKA_CONTROLLER_PORT ?? String(port + 1),
    KAFKA_PID_FILE: pidFile,
  });
  process.env[STARTED_KAFKA_PID_FILE_ENV] = pidFile;
}

export function runScript(script: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    // stdout is not inherited: jest owns it (and may be writing --json there).
    const child = spawn(join(repoRoot, script), [], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`${script} exited with ${code}: ${output.trim().slice(-2000)}`)),
    );
  });
}

function unavailable(service: string, where: string, envName: string, reason: string): void {
  if (isCi) {
    throw new Error(`CI=true and ${service} is not available at ${where}: ${reason}`);
  }
  process.env[envName] = reason;
  const banner = '!'.repeat(78);
  process.stderr.write(
    `\n${banner}\n!! ${service} is NOT available at ${where}\n!! ${reason}\n` +
      `!! Tests that need ${service} will FAIL (they are not skipped).\n${banner}\n\n`,
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
