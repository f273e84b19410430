import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What a fault suite started (an api child, a postmaster, a broker), recorded on disk so that the
 * next run can end it when a run died before its afterAll (a killed jest, a timeout).
 */
interface Tracked {
  /** The jest process that started it: entries of a run still alive are never touched. */
  owner: number;
  pid?: number;
  /** A string of the process's command line: a recycled PID is never killed. */
  marker?: string;
  /** A directory to remove with it. */
  dir?: string;
}

const REGISTRY = join(tmpdir(), 'reorg-fault-leftovers');

export async function track(name: string, entry: Omit<Tracked, 'owner'>): Promise<void> {
  await mkdir(REGISTRY, { recursive: true });
  await writeFile(join(REGISTRY, `${name}.json`), JSON.stringify({ owner: process.pid, ...entry }));
}

export async function untrack(name: string): Promise<void> {
  await rm(join(REGISTRY, `${name}.json`), { force: true });
}

/** Kills what dead runs left behind (by PID, after checking the command line) and removes their directories. */
export async function killLeftovers(): Promise<void> {
  const names = await readdir(REGISTRY).catch(() => [] as string[]);
  for (const name of names) {
    const file = join(REGISTRY, name);
    const entry = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Partial<Tracked>;
    if (entry.owner !== undefined && entry.owner !== process.pid && isAlive(entry.owner)) continue;
    if (entry.pid !== undefined && entry.marker !== undefined && (await commandLine(entry.pid)).includes(entry.marker)) {
      process.kill(entry.pid, 'SIGKILL');
      await waitForExit(entry.pid, 10_000);
    }
    if (entry.dir) await rm(entry.dir, { recursive: true, force: true });
    await rm(file, { force: true });
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

async function commandLine(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replace(/\0/g, ' ');
}
