/* A random (seeded) history of units with back-fills, annulments, re-recorded decisions and lineage, for comparing the rebuilt units tables with the live ones. */
import type { EventStore, JsonObject, NewEvent } from '@reorg/event-store';
import { v7 as timeOrderedUuid } from 'uuid';
import { Prng } from '../../fixtures/scenario/prng';

/** Deterministic PRNG (mulberry32, shared with the scenario fixtures), so every run writes the same history. */
function prng(seed: number): () => number {
  const generator = new Prng(seed);
  return () => generator.next();
}

const DAY = 86_400_000;
const isoDay = (day: number) => new Date(Date.UTC(2016, 0, 1) + day * DAY).toISOString().slice(0, 10);

export interface UnitHistoryShape {
  events: number;
  /** Changes effective before a change already recorded for their unit. */
  backfills: number;
  annulments: number;
  /** Changes recorded under a decision key the unit already used (some of them after its annulment). */
  reRecorded: number;
  consolidations: number;
}

interface Unit {
  id: string;
  lastDay: number;
  keys: string[];
}

/** Appends `commits` commits of one to three unit events each (one stream per commit) and says what the history holds. */
export async function appendUnitHistory(store: EventStore, commits: number, seed = 17): Promise<UnitHistoryShape> {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const shape: UnitHistoryShape = { events: 0, backfills: 0, annulments: 0, reRecorded: 0, consolidations: 0 };
  const units: Unit[] = [];
  let decisions = 0;
  const attributes = (code: string, staffingQuota: number): JsonObject => ({ code, name: `Đơn vị ${code}`, system: 'GOVERNMENT', governingBodyId: 'body-1', level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota });
  const decided = (unit: Unit, day: number, key: string): JsonObject => ({ unitId: unit.id, effectiveDate: isoDay(day), operationIndex: 0, decision: { key, number: key, date: isoDay(day), effectiveDate: isoDay(day), issuer: 'UBND', signer: 'A' } });
  const register = (): { type: string; data: JsonObject } => {
    const unit: Unit = { id: `unit-${units.length + 1}`, lastDay: Math.floor(random() * 30), keys: [] };
    units.push(unit);
    return { type: 'UnitRegistered', data: { unitId: unit.id, attributes: attributes(`C${units.length}`, 10), effectiveDate: isoDay(unit.lastDay), registeredAsOf: isoDay(unit.lastDay) } };
  };
  /** A change to `unit`: forward (after its latest change) or back-filled, under a new or a reused decision key. */
  const change = (unit: Unit): { type: string; data: JsonObject } => {
    const backfill = unit.lastDay > 40 && random() < 0.25;
    const day = backfill ? unit.lastDay - 1 - Math.floor(random() * 40) : unit.lastDay + 1 + Math.floor(random() * 60);
    if (backfill) shape.backfills += 1;
    else unit.lastDay = day;
    const reuse = unit.keys.length > 0 && random() < 0.1;
    const key = reuse ? pick(unit.keys) : `QD-${++decisions}`;
    if (reuse) shape.reRecorded += 1;
    else unit.keys.push(key);
    const n = 1 + Math.floor(random() * 90);
    switch (Math.floor(random() * 4)) {
      case 0:
        return { type: 'UnitRenamed', data: { ...decided(unit, day, key), name: `Tên ${n % 7}`, previousName: '?' } };
      case 1:
        return { type: 'UnitStaffingQuotaChanged', data: { ...decided(unit, day, key), staffingQuota: n, previousStaffingQuota: 0 } };
      case 2:
        return { type: 'UnitAutonomyChanged', data: { ...decided(unit, day, key), autonomyGroup: n % 2 ? 'G1' : 'G2', previousAutonomyGroup: 'G3' } };
      default:
        return { type: 'UnitTransferred', data: { ...decided(unit, day, key), fromGoverningBodyId: 'body-1', toGoverningBodyId: `body-${n % 5}`, fromSystem: 'GOVERNMENT', toSystem: 'GOVERNMENT' } };
    }
  };
  const annul = (unit: Unit): { type: string; data: JsonObject } => {
    shape.annulments += 1;
    const key = pick(unit.keys);
    return { type: 'UnitDecisionAnnulled', data: { unitId: unit.id, decisionKey: key, effectiveDate: isoDay(unit.lastDay), annulment: { number: `A-${key}`, date: isoDay(unit.lastDay), reason: 'sai thẩm quyền' } } };
  };
  /** One new unit from two existing ones: the new one established, the two merged into it (one commit). */
  const consolidate = (): { type: string; data: JsonObject }[] => {
    shape.consolidations += 1;
    const [a, b] = [pick(units), pick(units)];
    const day = Math.max(a.lastDay, b.lastDay) + 1 + Math.floor(random() * 30);
    const key = `QD-${++decisions}`;
    const unit: Unit = { id: `unit-${units.length + 1}`, lastDay: day, keys: [key] };
    units.push(unit);
    const predecessors = [...new Set([a.id, b.id])];
    const merged = [...new Set([a, b])].map((p) => {
      p.lastDay = Math.max(p.lastDay, day);
      p.keys.push(key);
      return { type: 'UnitMerged', data: { ...decided(p, day, key), operation: 'CONSOLIDATE', successorIds: [unit.id] } };
    });
    return [{ type: 'UnitEstablished', data: { ...decided(unit, day, key), attributes: attributes(`N${units.length}`, 20), operation: 'CONSOLIDATE', predecessorIds: predecessors } }, ...merged];
  };
  for (let commit = 0; commit < commits; commit++) {
    const roll = random();
    const events =
      units.length < 12 || roll < 0.04
        ? [register()]
        : roll < 0.1
          ? consolidate()
          : Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
              const unit = pick(units);
              return unit.keys.length > 0 && random() < 0.08 ? annul(unit) : change(unit);
            });
    const newEvents: NewEvent[] = events.map((event) => ({ eventId: timeOrderedUuid(), type: event.type, data: event.data }));
    await store.appendToStream(`unit-history-${commit}`, 'no_stream', newEvents);
    shape.events += newEvents.length;
  }
  return shape;
}
