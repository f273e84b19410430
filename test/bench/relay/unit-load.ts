/* A command load of unit changes: concurrent writers append 1–3 real-looking unit events per command. */
import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '@reorg/event-store';
import { v7 as timeOrderedUuid } from 'uuid';

export interface LoadOptions {
  writers: number;
  /** Distinct unit streams the commands spread over. */
  units: number;
  /** Stop once this many events were appended (unpaced pre-load). */
  events?: number;
  /** Stop after this long (counted from the first command, so a child process's start-up is not included). */
  durationMs?: number;
  /** Target events per second over all writers; unset = as fast as the store takes them. */
  eventsPerSecond?: number;
  /** Stops the writers early (the bench was interrupted). */
  signal?: AbortSignal;
}

export interface LoadResult {
  commands: number;
  events: number;
  /** Global position of the last event appended. */
  lastPosition: number;
  seconds: number;
  appendP50Ms: number;
  appendP99Ms: number;
}

const GROUPS = ['G1', 'G2', 'G3', 'G4'] as const;
const BODIES = Array.from({ length: 40 }, () => randomUUID());

function decision(n: number) {
  return { key: `${n}/QĐ-UBND`, number: `${n}/QĐ-UBND`, date: '2025-06-01', effectiveDate: '2025-07-01', issuer: 'UBND tỉnh', signer: 'Chủ tịch UBND tỉnh' };
}

/** One unit change as the register records it for a decision (mix of rename, autonomy, quota, transfer). */
function unitChange(unitId: string, n: number, operationIndex: number): NewEvent {
  const base = { unitId, effectiveDate: '2025-07-01', decision: decision(n), proposalId: randomUUID(), operationIndex };
  const kind = n % 4;
  const [type, change] =
    kind === 0
      ? ['UnitRenamed', { name: `Trường Trung học cơ sở Nguyễn Trãi số ${n}`, previousName: `Trường Trung học cơ sở số ${n}` }]
      : kind === 1
        ? ['UnitAutonomyChanged', { autonomyGroup: GROUPS[n % 4], previousAutonomyGroup: GROUPS[(n + 1) % 4] }]
        : kind === 2
          ? ['UnitStaffingQuotaChanged', { staffingQuota: 40 + (n % 30), previousStaffingQuota: 42 }]
          : ['UnitTransferred', { fromGoverningBodyId: BODIES[n % 40], toGoverningBodyId: BODIES[(n + 7) % 40], fromSystem: 'GOVERNMENT', toSystem: 'GOVERNMENT' }];
  return {
    eventId: timeOrderedUuid(),
    type,
    data: { ...base, ...change },
    metadata: { actor: 'chuyenvien.sonoivu', roles: ['editor'], correlationId: randomUUID(), effectiveDate: '2025-07-01' },
  };
}

/** 1–3 events for one unit, as one decision's command would record them. */
export function unitCommand(unitId: string, n: number): NewEvent[] {
  return Array.from({ length: 1 + (n % 3) }, (_, i) => unitChange(unitId, n + i, i));
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** Runs the writers until the event count or the deadline; paced writers keep to their share of the target rate. */
export async function runLoad(store: EventStore, options: LoadOptions): Promise<LoadResult> {
  const unitIds = Array.from({ length: options.units }, () => randomUUID());
  const latencies: number[] = [];
  let commands = 0;
  let events = 0;
  let lastPosition = 0;
  const started = Date.now();
  const until = options.durationMs !== undefined ? started + options.durationMs : Number.POSITIVE_INFINITY;
  const done = () => options.signal?.aborted || (options.events !== undefined && events >= options.events) || Date.now() >= until;
  // A command carries 2 events on average (1, 2, 3 in turn).
  const commandIntervalMs = options.eventsPerSecond ? (1000 * options.writers * 2) / options.eventsPerSecond : 0;
  await Promise.all(
    Array.from({ length: options.writers }, async (_, w) => {
      let sent = 0;
      while (!done()) {
        if (commandIntervalMs > 0) {
          const due = started + (w * commandIntervalMs) / options.writers + sent * commandIntervalMs;
          const wait = due - Date.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          if (done()) break;
        }
        const n = commands++;
        const batch = unitCommand(unitIds[n % unitIds.length], n);
        const t0 = performance.now();
        const result = await store.appendToStream(`unit-${unitIds[n % unitIds.length]}`, 'any', batch);
        lastPosition = Math.max(lastPosition, result.lastPosition);
        latencies.push(performance.now() - t0);
        events += batch.length;
        sent += 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { commands, events, lastPosition, seconds: (Date.now() - started) / 1000, appendP50Ms: percentile(latencies, 0.5), appendP99Ms: percentile(latencies, 0.99) };
}
