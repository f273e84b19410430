import { type AutonomyGroup, DECREE_120_IN_EFFECT, type IsoDate, type NewUnit, type Operation, type Sector, type UnitSystem, dayAfter, dayBefore } from '@reorg/domain';
import type { BaselineRow } from '@reorg/register';
import type { DecisionIntent, HistoryIntent, OperationIntent } from './history-intents';

export const BASELINE_AS_OF: IsoDate = '2017-12-31';
export const ISSUER = 'UBND tỉnh';
const SECTORS: Sector[] = ['EDUCATION', 'HEALTH', 'CULTURE'];
const GROUPS: AutonomyGroup[] = ['G1', 'G2', 'G3', 'G4'];
const MIN_QUOTA_AFTER_DECREE = 15;

export interface BodySpec {
  code: string;
  name: string;
  system: UnitSystem;
}

/** Operations name bodies by code (ids exist only once the bodies are registered) and units by code. */
export interface PlannedDecision {
  number: string;
  effectiveDate: IsoDate;
  operations: Operation[];
}

export type RecordingStep = { kind: 'decisions'; indices: number[] } | { kind: 'annulment'; target: number };

export interface HistoryPlan {
  bodies: BodySpec[];
  baseline: BaselineRow[];
  /** In effective order; `recording` says in which order (and batches) they are recorded. */
  decisions: PlannedDecision[];
  recording: RecordingStep[];
  /** Dates worth asking about: every effective date, the days around them, and far before and after. */
  queryDates: IsoDate[];
}

/** A unit as the plan expects it (only to pick operations that are likely to apply). */
interface SimUnit {
  code: string;
  body: BodySpec;
  autonomy: number;
  quota: number;
  ended: boolean;
  /** Effective dates on which some decision changes the unit, by decision number. */
  changedOn: Map<IsoDate, string>;
}

const pick = <T>(items: T[], index: number): T => items[index % items.length];

/**
 * Turns random intents into a decision history that is valid in effective-date order (only active
 * units, no two decisions on one unit and date, Decree 120's rules from 2020-12-01), then a
 * recording order in which some decisions come late (back-fills) and some are batched. Recorded
 * out of order, some of them are refused by the register; the test keeps what it accepts.
 */
export function planHistory(intent: HistoryIntent): HistoryPlan {
  const bodies: BodySpec[] = [
    { code: 'CQ-CP-1', name: 'Sở Giáo dục', system: 'GOVERNMENT' },
    { code: 'CQ-DT-1', name: 'Tỉnh đoàn', system: 'PARTY_MASS' },
    ...intent.extraBodies.map((system, i) => ({ code: `CQ-X-${i + 2}`, name: `Cơ quan ${i + 2}`, system })),
  ];
  const units = new Map<string, SimUnit>();
  const baseline: BaselineRow[] = intent.baseline.map((b, i) => {
    const body = pick(bodies, b.body);
    const code = `B${String(i).padStart(2, '0')}`;
    units.set(code, { code, body, autonomy: b.autonomy, quota: b.quota, ended: false, changedOn: new Map() });
    return {
      code,
      name: `Trường ${code}`,
      governingBodyCode: body.code,
      level: 'PROVINCE',
      sector: pick(SECTORS, b.sector),
      autonomyGroup: GROUPS[b.autonomy],
      staffingQuota: b.quota,
      ...(b.yearsBefore !== undefined ? { establishedOn: `${2017 - b.yearsBefore}-0${1 + (i % 9)}-1${i % 10}` } : {}),
    };
  });

  const ordered = intent.decisions.map((d, i) => ({ d, i, date: dateOf(d) })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.i - b.i));
  const decisions: PlannedDecision[] = [];
  for (const { d, date } of ordered) {
    const number = `${decisions.length + 1}/QĐ-UBND`;
    const builder = new DecisionBuilder(number, date, units, bodies);
    const operations = d.operations.flatMap((op, opIndex) => builder.operation(op, opIndex));
    if (operations.length) decisions.push({ number, effectiveDate: date, operations });
  }

  return { bodies, baseline, decisions, recording: recordingOrder(decisions, ordered.map((o) => o.d), intent), queryDates: queryDates(baseline, decisions) };
}

function dateOf(d: DecisionIntent): IsoDate {
  const year = 2018 + Math.floor(d.month / 12);
  const month = String((d.month % 12) + 1).padStart(2, '0');
  return `${year}-${month}-${d.midMonth ? '15' : '01'}`;
}

/** Decisions sorted by (effective index + delay), batched as asked, with annulments slotted in. */
function recordingOrder(decisions: PlannedDecision[], intents: DecisionIntent[], intent: HistoryIntent): RecordingStep[] {
  const order = decisions.map((_, i) => ({ i, key: i + (intents[i]?.delay ?? 0) })).sort((a, b) => a.key - b.key || a.i - b.i);
  const steps: RecordingStep[] = [];
  for (const { i } of order) {
    const last = steps.at(-1);
    const previous = last?.kind === 'decisions' ? last.indices.at(-1) : undefined;
    if (last?.kind === 'decisions' && previous !== undefined && intents[previous]?.batchWithNext) last.indices.push(i);
    else steps.push({ kind: 'decisions', indices: [i] });
  }
  const annulments = [...intent.annulments].sort((a, b) => (a.after % (steps.length + 1)) - (b.after % (steps.length + 1)));
  let inserted = 0;
  for (const a of annulments) {
    const at = Math.min(steps.length, (a.after % (steps.length + 1)) + 1 + inserted);
    steps.splice(at, 0, { kind: 'annulment', target: a.target });
    inserted += 1;
  }
  return steps;
}

function queryDates(baseline: BaselineRow[], decisions: PlannedDecision[]): IsoDate[] {
  const dates = new Set<IsoDate>(['2000-01-01', '2099-12-31', BASELINE_AS_OF]);
  for (const date of [...baseline.flatMap((b) => (b.establishedOn ? [b.establishedOn] : [])), ...decisions.map((d) => d.effectiveDate)]) {
    dates.add(date);
    dates.add(dayBefore(date));
    dates.add(dayAfter(date));
  }
  return [...dates].sort();
}

class DecisionBuilder {
  private readonly postDecree: boolean;

  constructor(
    private readonly number: string,
    private readonly date: IsoDate,
    private readonly units: Map<string, SimUnit>,
    private readonly bodies: BodySpec[],
  ) {
    this.postDecree = date >= DECREE_120_IN_EFFECT;
  }

  /** Units this decision may change: active, and changed on this date by no other decision. */
  private eligible(): SimUnit[] {
    return [...this.units.values()].filter((u) => !u.ended && (u.changedOn.get(this.date) ?? this.number) === this.number);
  }

  private choose(count: number, picks: number[]): SimUnit[] | undefined {
    const pool = this.eligible();
    if (pool.length < count) return undefined;
    const chosen: SimUnit[] = [];
    for (let k = 0; k < count; k++) chosen.push(pool.splice((picks[k] ?? 0) % pool.length, 1)[0]);
    return chosen;
  }

  private touch(unit: SimUnit): void {
    unit.changedOn.set(this.date, this.number);
  }

  private end(unit: SimUnit): void {
    this.touch(unit);
    unit.ended = true;
  }

  private newUnit(code: string, op: OperationIntent, quota: number, autonomy: number, bodyIndex = op.body): NewUnit {
    const body = pick(this.bodies, bodyIndex);
    const basic = this.postDecree && quota < MIN_QUOTA_AFTER_DECREE ? true : op.basicEssentialService;
    const unit: SimUnit = { code, body, autonomy, quota, ended: false, changedOn: new Map([[this.date, this.number]]) };
    this.units.set(code, unit);
    return {
      code,
      name: `Đơn vị ${code}`,
      governingBodyId: body.code,
      level: 'PROVINCE',
      sector: pick(SECTORS, op.sector),
      autonomyGroup: GROUPS[autonomy],
      staffingQuota: quota,
      ...(basic ? { basicEssentialService: true } : {}),
    };
  }

  /** Before Decree 120 a reorganisation may grow the quota or lower autonomy; after it, never. */
  private resultAutonomy(best: number, op: OperationIntent): number {
    return this.postDecree ? Math.min(best, op.autonomy) : op.autonomy;
  }

  private resultQuota(before: number, op: OperationIntent): number {
    return this.postDecree ? Math.max(1, Math.min(before, op.quota)) : op.quota;
  }

  operation(op: OperationIntent, opIndex: number): Operation[] {
    const code = (k: number) => `U${this.number.split('/')[0]}-${opIndex}${k}`;
    switch (op.kind) {
      case 'ESTABLISH':
        return [{ type: 'ESTABLISH', unit: this.newUnit(code(0), op, this.postDecree && !op.basicEssentialService ? Math.max(op.quota, MIN_QUOTA_AFTER_DECREE) : op.quota, op.autonomy) }];
      case 'CONSOLIDATE': {
        const sources = this.choose(2 + (op.picks[2] % 2), op.picks);
        if (!sources) return [];
        const best = Math.min(...sources.map((s) => s.autonomy));
        const quota = this.resultQuota(sum(sources.map((s) => s.quota)), op);
        sources.forEach((s) => this.end(s));
        return [{ type: 'CONSOLIDATE', sourceUnitCodes: sources.map((s) => s.code), newUnit: this.newUnit(code(0), op, quota, this.resultAutonomy(best, op)) }];
      }
      case 'ABSORB': {
        const chosen = this.choose(2, op.picks);
        if (!chosen) return [];
        const [target, source] = chosen;
        const total = target.quota + source.quota;
        const best = Math.min(target.autonomy, source.autonomy);
        target.quota = op.explicit ? this.resultQuota(total, op) : total;
        target.autonomy = op.explicit ? this.resultAutonomy(best, op) : best;
        this.touch(target);
        this.end(source);
        return [{
          type: 'ABSORB',
          targetUnitCode: target.code,
          sourceUnitCodes: [source.code],
          ...(op.explicit ? { staffingQuotaAfter: target.quota, autonomyGroupAfter: GROUPS[target.autonomy] } : {}),
        }];
      }
      case 'DIVIDE': {
        const [source] = this.choose(1, op.picks) ?? [];
        if (!source || source.quota < 2) return [];
        const first = Math.max(1, Math.floor(source.quota / 2));
        const second = this.postDecree ? source.quota - first : op.quota;
        this.end(source);
        const autonomy = this.resultAutonomy(source.autonomy, op);
        return [{ type: 'DIVIDE', sourceUnitCode: source.code, newUnits: [this.newUnit(code(0), op, first, autonomy), this.newUnit(code(1), op, second, autonomy, op.body + 1)] }];
      }
      case 'SEPARATE': {
        const [source] = this.choose(1, op.picks) ?? [];
        if (!source || source.quota < 2) return [];
        const separated = this.postDecree ? Math.max(1, Math.min(source.quota - 1, op.quota)) : op.quota;
        const remaining = this.postDecree ? source.quota - separated : source.quota;
        source.quota = remaining;
        this.touch(source);
        return [{ type: 'SEPARATE', sourceUnitCode: source.code, sourceStaffingQuotaAfter: remaining, newUnit: this.newUnit(code(0), op, separated, this.resultAutonomy(source.autonomy, op)) }];
      }
      case 'DISSOLVE': {
        const [unit] = this.choose(1, op.picks) ?? [];
        if (!unit) return [];
        this.end(unit);
        return [{ type: 'DISSOLVE', unitCode: unit.code, settlementRef: `BB-${this.number}` }];
      }
      case 'RENAME': {
        const [unit] = this.choose(1, op.picks) ?? [];
        if (!unit) return [];
        this.touch(unit);
        return [{ type: 'RENAME', unitCode: unit.code, newName: `Trung tâm ${unit.code} (${this.number})` }];
      }
      case 'TRANSFER': {
        const [unit] = this.choose(1, op.picks) ?? [];
        const others = this.bodies.filter((b) => b !== unit?.body);
        if (!unit || others.length === 0) return [];
        unit.body = pick(others, op.body);
        this.touch(unit);
        return [{ type: 'TRANSFER', unitCode: unit.code, toGoverningBodyId: unit.body.code }];
      }
      case 'CHANGE_AUTONOMY': {
        const [unit] = this.choose(1, op.picks) ?? [];
        if (!unit) return [];
        unit.autonomy = op.autonomy;
        this.touch(unit);
        return [{ type: 'CHANGE_AUTONOMY', unitCode: unit.code, autonomyGroup: GROUPS[op.autonomy] }];
      }
      case 'CHANGE_STAFFING_QUOTA': {
        const [unit] = this.choose(1, op.picks) ?? [];
        if (!unit) return [];
        unit.quota = op.quota;
        this.touch(unit);
        return [{ type: 'CHANGE_STAFFING_QUOTA', unitCode: unit.code, staffingQuota: op.quota }];
      }
    }
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
