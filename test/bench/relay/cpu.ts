/* CPU figures that tell a contended run from a clean one on a shared machine. */
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

export interface MachineCpu {
  busy: number;
  total: number;
}

/** CPU time of the whole machine (all cores, ms): busy and total. */
export function machineCpu(): MachineCpu {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const sum = times.user + times.nice + times.sys + times.irq + times.idle;
    total += sum;
    busy += sum - times.idle;
  }
  return { busy, total };
}

/** Busy share of all cores between two readings, in %. */
export function busyPercent(before: MachineCpu, after: MachineCpu): number {
  return Math.round((100 * (after.busy - before.busy)) / Math.max(1, after.total - before.total));
}

/** Machine CPU busy over a short wait before the run: load from other processes sharing the machine. */
export async function backgroundCpuPercent(waitMs = 2000): Promise<number> {
  const before = machineCpu();
  await sleep(waitMs);
  return busyPercent(before, machineCpu());
}
