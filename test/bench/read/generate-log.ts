/* A synthetic register history for the read benchmarks, written straight into an event store in big batches. */
import { AUTONOMY_GROUP_CODES, type AutonomyGroup, type DecisionRef, LEVELS, SECTOR_CODES, type UnitAttributes } from '@reorg/domain';
import type { EventStore, JsonObject, NewEvent, StreamAppend } from '@reorg/event-store';
import { v7 as timeOrderedUuid } from 'uuid';
import { Prng } from '../../fixtures/scenario/prng';

/** Shares of the decisions after the baseline (a consolidation writes 3 events: one established, two merged; the others 1). */
export const EVENT_MIX = { rename: 0.4, quota: 0.3, autonomy: 0.1, transfer: 0.1, consolidation: 0.1 } as const;
/** Share of attribute changes recorded out of order: effective before changes already recorded for the unit. */
export const BACKFILL_SHARE = 0.15;
export const BODIES = 100;

interface SimUnit {
  id: string;
  code: string;
  name: string;
  quota: number;
  autonomy: AutonomyGroup;
  bodyId: string;
  /** Days since 2015-01-01 of the latest effective change. */
  lastDay: number;
  active: boolean;
}

/** Deterministic PRNG (mulberry32, shared with the scenario fixtures), so every run writes the same history. */
function prng(seed: number): () => number {
  const generator = new Prng(seed);
  return () => generator.next();
}

const DAY = 86_400_000;
const EPOCH = Date.UTC(2015, 0, 1);
const isoDay = (day: number) => new Date(EPOCH + day * DAY).toISOString().slice(0, 10);

type Pending = { streamId: string; event: NewEvent };

export interface GeneratedLog {
  events: number;
  units: number;
  unitIds: string[];
  lastDay: string;
}

/**
 * Writes `total` events: 100 governing bodies, a baseline of `units` registrations, then the mix
 * above until the total is reached; with `clock` advancing a minute per commit.
 */
export async function generateLog(store: EventStore, total: number, baselineUnits: number, batch = 5_000, seed = 42): Promise<GeneratedLog> {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const bodyIds = Array.from({ length: BODIES }, () => timeOrderedUuid());
  const units: SimUnit[] = [];
  const active: SimUnit[] = [];
  let pending: Pending[] = [];
  let written = 0;
  let decisions = 0;

  const flush = async () => {
    const byStream = new Map<string, NewEvent[]>();
    for (const { streamId, event } of pending) byStream.set(streamId, [...(byStream.get(streamId) ?? []), event]);
    const appends: StreamAppend[] = [...byStream].map(([streamId, events]) => ({ streamId, expectedVersion: 'any', events }));
    if (appends.length) await store.appendMultiple(appends);
    pending = [];
  };
  const push = async (streamId: string, type: string, data: object, effectiveDate?: string) => {
    pending.push({ streamId, event: { eventId: timeOrderedUuid(), type, data: data as JsonObject, metadata: { actor: 'bench', roles: ['admin'], ...(effectiveDate ? { effectiveDate } : {}) } } });
    written += 1;
    if (pending.length >= batch) await flush();
  };
  const decision = (day: number): DecisionRef => {
    decisions += 1;
    const date = isoDay(Math.max(0, day - 10));
    return { key: `UBND|${decisions}/QD`, number: `${decisions}/QĐ-UBND`, date, effectiveDate: isoDay(day), issuer: 'UBND', signer: 'Chủ tịch' };
  };
  const change = (unit: SimUnit, day: number) => ({ unitId: unit.id, effectiveDate: isoDay(day), decision: decision(day), operationIndex: 0 });
  const attributes = (unit: SimUnit): UnitAttributes => ({
    code: unit.code, name: unit.name, system: 'GOVERNMENT', governingBodyId: unit.bodyId, level: pick(LEVELS), sector: pick(SECTOR_CODES),
    autonomyGroup: unit.autonomy, staffingQuota: unit.quota,
  });
  const newUnit = (day: number): SimUnit => {
    const n = units.length + 1;
    const unit: SimUnit = { id: timeOrderedUuid(), code: `DV${String(n).padStart(7, '0')}`, name: `Trường Trung học cơ sở số ${n}`, quota: 20 + Math.floor(random() * 80), autonomy: pick(AUTONOMY_GROUP_CODES), bodyId: pick(bodyIds), lastDay: day, active: true };
    units.push(unit);
    active.push(unit);
    return unit;
  };
  const retire = (unit: SimUnit) => {
    unit.active = false;
    const at = active.indexOf(unit);
    active[at] = active[active.length - 1];
    active.pop();
  };

  for (const [i, bodyId] of bodyIds.entries()) {
    await push(`body-${bodyId}`, 'GoverningBodyRegistered', { bodyId, code: `CQ${String(i + 1).padStart(3, '0')}`, name: `Sở số ${i + 1}`, system: 'GOVERNMENT', level: 'PROVINCE' });
  }
  for (let i = 0; i < baselineUnits && written < total; i++) {
    const unit = newUnit(0);
    await push(`unit-${unit.id}`, 'UnitRegistered', { unitId: unit.id, attributes: attributes(unit), effectiveDate: isoDay(0), registeredAsOf: isoDay(0) }, isoDay(0));
  }
  while (written < total && active.length > 2) {
    const roll = random();
    const unit = pick(active);
    const backfill = random() < BACKFILL_SHARE && unit.lastDay > 30;
    const day = backfill ? 1 + Math.floor(random() * (unit.lastDay - 1)) : unit.lastDay + 1 + Math.floor(random() * 60);
    if (!backfill) unit.lastDay = day;
    const stream = `unit-${unit.id}`;
    if (roll < EVENT_MIX.rename) {
      const name = `${unit.name.split(' (')[0]} (${day})`;
      await push(stream, 'UnitRenamed', { ...change(unit, day), name, previousName: unit.name }, isoDay(day));
      unit.name = name;
    } else if (roll < EVENT_MIX.rename + EVENT_MIX.quota) {
      const quota = Math.max(5, unit.quota + Math.floor(random() * 21) - 10);
      await push(stream, 'UnitStaffingQuotaChanged', { ...change(unit, day), staffingQuota: quota, previousStaffingQuota: unit.quota }, isoDay(day));
      unit.quota = quota;
    } else if (roll < EVENT_MIX.rename + EVENT_MIX.quota + EVENT_MIX.autonomy) {
      const autonomy = pick(AUTONOMY_GROUP_CODES);
      await push(stream, 'UnitAutonomyChanged', { ...change(unit, day), autonomyGroup: autonomy, previousAutonomyGroup: unit.autonomy }, isoDay(day));
      unit.autonomy = autonomy;
    } else if (roll < 1 - EVENT_MIX.consolidation) {
      const to = pick(bodyIds);
      await push(stream, 'UnitTransferred', { ...change(unit, day), fromGoverningBodyId: unit.bodyId, toGoverningBodyId: to, fromSystem: 'GOVERNMENT', toSystem: 'GOVERNMENT' }, isoDay(day));
      unit.bodyId = to;
    } else {
      let other = pick(active);
      while (other === unit) other = pick(active);
      const mergeDay = Math.max(unit.lastDay, other.lastDay) + 1;
      const ref = decision(mergeDay);
      const successor = newUnit(mergeDay);
      successor.quota = unit.quota + other.quota;
      const base = { effectiveDate: isoDay(mergeDay), decision: ref, operationIndex: 0 };
      await push(`unit-${successor.id}`, 'UnitEstablished', { ...base, unitId: successor.id, attributes: attributes(successor), operation: 'CONSOLIDATE', predecessorIds: [unit.id, other.id] }, isoDay(mergeDay));
      for (const source of [unit, other]) {
        await push(`unit-${source.id}`, 'UnitMerged', { ...base, unitId: source.id, operation: 'CONSOLIDATE', successorIds: [successor.id] }, isoDay(mergeDay));
        retire(source);
      }
    }
  }
  await flush();
  return { events: written, units: units.length, unitIds: units.map((u) => u.id), lastDay: isoDay(Math.max(...units.map((u) => u.lastDay))) };
}
