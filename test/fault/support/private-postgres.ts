import { execFile } from 'node:child_process';
import { chown, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { probePostgres } from '@reorg/testing';
import { Client } from 'pg';
import { freePort } from '../../e2e/execution/api-process';
import { isAlive, track, untrack, waitForExit } from './leftovers';

const run = promisify(execFile);
const POSTGRES_ROOT = '/usr/lib/postgresql';
const OS_USER = 'postgres';

/** A PostgreSQL cluster of the test's own (initdb in a temp directory, its own port), for fault injection. */
export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication). */
  url: string;
  /** pg_ctl restart -m fast: clients are disconnected, the cluster shuts down cleanly and starts again. */
  restart(): Promise<void>;
  /** kill -9 of the postmaster (its backends exit on their own), no clean shutdown. */
  kill(): Promise<void>;
  /** Starts the cluster on the same data directory (after kill(): crash recovery). */
  start(): Promise<void>;
  /** Stops the cluster and removes its directory. */
  destroy(): Promise<void>;
}

/** The newest PostgreSQL installed under /usr/lib/postgresql (the Debian layout). */
async function binDir(): Promise<string> {
  const versions = (await readdir(POSTGRES_ROOT).catch(() => [] as string[])).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error(`no PostgreSQL server binaries under ${POSTGRES_ROOT} (apt-get install postgresql)`);
  return join(POSTGRES_ROOT, versions[0], 'bin');
}

/** initdb and postgres refuse to run as root: as root, they run as the postgres OS user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', OS_USER, '--', command, ...args]] : [command, args];
}

async function exec(command: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const [file, argv] = asServerUser(command, args);
  try {
    const { stdout, stderr } = await run(file, argv, { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 });
    return `${stdout}${stderr}`;
  } catch (error) {
    const failure = error as Error & { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${failure.message}\n${failure.stdout ?? ''}${failure.stderr ?? ''}`);
  }
}

export async function startPrivatePostgres(label = 'fault'): Promise<PrivatePostgres> {
  const bin = await binDir();
  const root = await mkdtemp(join(tmpdir(), `private-pg-${label}-`));
  const dataDir = join(root, 'data');
  const port = await freePort();
  const trackName = `postgres-${port}`;
  if (process.getuid?.() === 0) await chown(root, ...(await serverUserIds()));
  const pgCtl = (...args: string[]) => exec(join(bin, 'pg_ctl'), ['-D', dataDir, ...args]);
  // Loopback TCP only, the socket in our own directory; fsync stays on (the default) for honest crash recovery.
  const serverOptions = `-p ${port} -h 127.0.0.1 -k ${root} -c max_connections=100`;
  const postmasterPid = async () => Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;

  const start = async () => {
    await pgCtl('start', '-w', '-t', '60', '-l', join(root, 'server.log'), '-o', serverOptions);
    await track(trackName, { pid: await postmasterPid(), marker: dataDir, dir: root });
    await probePostgres(url, 5_000);
  };
  const cluster: PrivatePostgres = {
    url,
    start,
    restart: async () => {
      await pgCtl('restart', '-w', '-t', '60', '-m', 'fast', '-l', join(root, 'server.log'), '-o', serverOptions);
      await track(trackName, { pid: await postmasterPid(), marker: dataDir, dir: root });
    },
    kill: async () => {
      const pid = await postmasterPid();
      const backends = await childrenOf(pid);
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 10_000);
      // The backends notice the postmaster's death and exit; a new postmaster refuses to start while any still runs.
      for (const backend of backends) if (!(await waitForExit(backend, 10_000))) process.kill(backend, 'SIGKILL');
    },
    destroy: async () => {
      const pid = await postmasterPid().catch(() => undefined);
      if (pid !== undefined && isAlive(pid)) await pgCtl('stop', '-w', '-m', 'immediate').catch(() => process.kill(pid, 'SIGKILL'));
      await rm(root, { recursive: true, force: true });
      await untrack(trackName);
    },
  };
  try {
    await exec(join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--locale=C.UTF-8']);
    await start();
  } catch (error) {
    await cluster.destroy().catch(() => undefined);
    throw new Error(`could not set up a private PostgreSQL cluster in ${root}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return cluster;
}

async function serverUserIds(): Promise<[number, number]> {
  const line = (await readFile('/etc/passwd', 'utf8')).split('\n').find((entry) => entry.startsWith(`${OS_USER}:`));
  if (!line) throw new Error(`no ${OS_USER} OS user to run PostgreSQL as`);
  const [, , uid, gid] = line.split(':');
  return [Number(uid), Number(gid)];
}

async function childrenOf(pid: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Field 4 (after the parenthesised command name) is the parent PID.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (parent === pid) children.push(Number(entry));
  }
  return children;
}

/** A database of its own on the private cluster. */
export async function freshDatabase(cluster: PrivatePostgres, name: string): Promise<string> {
  const client = new Client({ connectionString: cluster.url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  return url.toString();
}
