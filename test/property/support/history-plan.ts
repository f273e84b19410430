import { type AutonomyGroup, type BodyOperation, DECREE_120_IN_EFFECT, type IsoDate, type NewUnit, type Operation, type Sector, type UnitSystem, dayAfter, dayBefore } from '@reorg/domain';
import type { BaselineRow } from '@reorg/register';
import type { BodyChangeIntent, DecisionIntent, HistoryIntent, OperationIntent } from './history-intents';

export const BASELINE_AS_OF: IsoDate = '2017-12-31';
export const ISSUER = 'UBND tỉnh';
/** The second province whose register joins (HistoryIntent.province). */
export const PROVINCE = 'BAC_KAN';
export const MERGER_ISSUER = 'Quốc hội';
const SECTORS: Sector[] = ['EDUCATION', 'HEALTH', 'CULTURE'];
const GROUPS: AutonomyGroup[] = ['G1', 'G2', 'G3', 'G4'];
const MIN_QUOTA_AFTER_DECREE = 15;

export interface BodySpec {
  code: string;
  name: string;
  system: UnitSystem;
  /** Another province's register, until it joins. */
  province?: string;
}

/** Operations name bodies by code (ids exist only once the bodies are registered) and units by code. */
export interface PlannedDecision {
  number: string;
  effectiveDate: IsoDate;
  operations: Operation[];
  /** Governing-body restructuring, bodies and units by code. */
  bodyOperations?: BodyOperation[];
  /** A province merger (no operations): this province's register joins on the effective date. */
  mergesProvince?: string;
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
  /** Under another province's body (not yet joined): no decision of ours touches it. */
  foreign: boolean;
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
  const own: BodySpec[] = [
    { code: 'CQ-CP-1', name: 'Sở Giáo dục', system: 'GOVERNMENT' },
    { code: 'CQ-DT-1', name: 'Tỉnh đoàn', system: 'PARTY_MASS' },
    ...intent.extraBodies.map((system, i) => ({ code: `CQ-X-${i + 2}`, name: `Cơ quan ${i + 2}`, system })),
  ];
  const foreignBody: BodySpec | undefined = intent.province ? { code: 'BK-SYT', name: 'Sở Y tế tỉnh Bắc Kạn', system: 'GOVERNMENT', province: PROVINCE } : undefined;
  const bodies = [...own, ...(foreignBody ? [foreignBody] : [])];
  const units = new Map<string, SimUnit>();
  const baseline: BaselineRow[] = intent.baseline.map((b, i) => {
    const body = pick(own, b.body);
    const code = `B${String(i).padStart(2, '0')}`;
    units.set(code, { code, body, autonomy: b.autonomy, quota: b.quota, ended: false, foreign: false, changedOn: new Map() });
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
  for (let i = 0; foreignBody && i < intent.province!.units; i++) {
    const code = `F${String(i).padStart(2, '0')}`;
    units.set(code, { code, body: foreignBody, autonomy: 2, quota: 30, ended: false, foreign: true, changedOn: new Map() });
    baseline.push({ code, name: `Bệnh viện ${code}`, governingBodyCode: foreignBody.code, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 30 });
  }

  // Unit decisions, body restructurings and the merger, in effective order (the merger first on its date).
  type Entry = { date: IsoDate; rank: number; i: number; delay: number; batchWithNext: boolean } & ({ kind: 'units'; d: DecisionIntent } | { kind: 'bodies'; b: BodyChangeIntent } | { kind: 'merger' });
  const entries: Entry[] = [
    ...intent.decisions.map((d, i): Entry => ({ kind: 'units', d, date: dateOf(d), rank: 1, i, delay: d.delay, batchWithNext: d.batchWithNext })),
    ...intent.bodyChanges.map((b, i): Entry => ({ kind: 'bodies', b, date: dateOf(b), rank: 1, i: 100 + i, delay: b.delay, batchWithNext: false })),
    ...(intent.province ? [{ kind: 'merger' as const, date: dateOf(intent.province), rank: 0, i: 200, delay: intent.province.delay, batchWithNext: false }] : []),
  ];
  const ordered = entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.rank - b.rank || a.i - b.i));
  const sim: Sim = { units, bodies, ended: new Set(), bodyChangedOn: new Map(), merged: !foreignBody, foreignBody };
  const decisions: PlannedDecision[] = [];
  const kept: Entry[] = [];
  for (const entry of ordered) {
    const number = `${decisions.length + 1}/QĐ-UBND`;
    const { date } = entry;
    if (entry.kind === 'merger') {
      sim.merged = true;
      for (const unit of units.values()) unit.foreign = false;
      decisions.push({ number: `${decisions.length + 1}/2025/QH15`, effectiveDate: date, operations: [], mergesProvince: PROVINCE });
      kept.push(entry);
      continue;
    }
    if (entry.kind === 'bodies') {
      const bodyOperations = bodyChange(entry.b, number, date, sim);
      if (bodyOperations.length) {
        decisions.push({ number, effectiveDate: date, operations: [], bodyOperations });
        kept.push(entry);
      }
      continue;
    }
    const builder = new DecisionBuilder(number, date, sim);
    const operations = entry.d.operations.flatMap((op, opIndex) => builder.operation(op, opIndex));
    if (operations.length) {
      decisions.push({ number, effectiveDate: date, operations });
      kept.push(entry);
    }
  }

  return { bodies, baseline, decisions, recording: recordingOrder(decisions, kept, intent), queryDates: queryDates(baseline, decisions) };
}

/** What the planner knows of the register while it walks the history in effective order. */
interface Sim {
  units: Map<string, SimUnit>;
  /** The registered bodies (ids known once registered). */
  bodies: BodySpec[];
  /** Codes of bodies merged away or split up. */
  ended: Set<string>;
  /** Per body code, the dates on which a decision changes it (by decision number). */
  bodyChangedOn: Map<string, Map<IsoDate, string>>;
  merged: boolean;
  foreignBody: BodySpec | undefined;
}

/** Registered bodies a decision may name on its date: not ended, and this register's (or joined). */
function activeBodies(sim: Sim): BodySpec[] {
  return sim.bodies.filter((b) => !sim.ended.has(b.code) && (!b.province || sim.merged));
}

/**
 * A merger of one or two bodies (into an existing body, or one the decision establishes), one
 * unit possibly sent elsewhere; or a split of a body among the others (a destination per unit
 * and a default, or only some units leaving a body that continues). Empty when nothing fits.
 */
function bodyChange(b: BodyChangeIntent, number: string, date: IsoDate, sim: Sim): BodyOperation[] {
  const pool = activeBodies(sim).filter((body) => (sim.bodyChangedOn.get(body.code)?.get(date) ?? number) === number);
  const under = (body: BodySpec) => [...sim.units.values()].filter((u) => !u.ended && u.body === body);
  const free = (units: SimUnit[]) => units.every((u) => (u.changedOn.get(date) ?? number) === number);
  const touchBody = (body: BodySpec) => sim.bodyChangedOn.set(body.code, (sim.bodyChangedOn.get(body.code) ?? new Map()).set(date, number));
  const move = (unit: SimUnit, to: BodySpec) => {
    unit.body = to;
    unit.changedOn.set(date, number);
  };
  if (pool.length < 2) return [];
  if (b.kind === 'MERGE') {
    const first = pick(pool, b.picks[0]);
    const rest = pool.filter((x) => x !== first);
    const second = b.variant && rest.length >= 2 && b.picks[1] % 2 === 1 ? pick(rest, b.picks[1]) : undefined;
    const sources = [first, ...(second ? [second] : [])];
    const remaining = pool.filter((x) => !sources.includes(x));
    const successor: BodySpec = b.variant ? { code: `CQ-M-${number.split('/')[0]}`, name: `Sở hợp nhất ${number}`, system: first.system } : pick(remaining, b.picks[1]);
    const units = sources.flatMap(under);
    if (!free(units)) return [];
    const thirds = remaining.filter((x) => x !== successor);
    const reassigned = b.picks[2] % 2 === 1 && thirds.length > 0 && units.length > 0 ? { unit: units[b.picks[2] % units.length], to: pick(thirds, b.picks[2]) } : undefined;
    for (const unit of units) move(unit, reassigned?.unit === unit ? reassigned.to : successor);
    for (const body of [...sources, successor, ...(reassigned ? [reassigned.to] : [])]) touchBody(body);
    sources.forEach((s) => sim.ended.add(s.code));
    return [
      ...(b.variant ? [{ type: 'ESTABLISH_BODY' as const, body: { code: successor.code, name: successor.name, system: successor.system, level: 'PROVINCE' as const } }] : []),
      {
        type: 'MERGE_BODIES',
        sourceBodyCodes: sources.map((s) => s.code),
        successorBodyCode: successor.code,
        ...(reassigned ? { unitDestinations: [{ unitCode: reassigned.unit.code, toBodyCode: reassigned.to.code }] } : {}),
      },
    ];
  }
  const body = pick(pool, b.picks[0]);
  const others = pool.filter((x) => x !== body);
  const units = under(body);
  if (!free(units)) return [];
  const listed = units.filter((_, k) => k % 2 === b.picks[1] % 2).map((unit, k) => ({ unit, to: pick(others, b.picks[2] + k) }));
  const continues = b.variant;
  if (continues && listed.length === 0) return [];
  const fallback = continues ? undefined : pick(others, b.picks[1]);
  for (const unit of units) {
    const to = listed.find((l) => l.unit === unit)?.to ?? fallback;
    if (to) move(unit, to);
  }
  for (const x of [body, ...listed.map((l) => l.to), ...(fallback ? [fallback] : [])]) touchBody(x);
  if (!continues) sim.ended.add(body.code);
  return [
    {
      type: 'SPLIT_BODY',
      bodyCode: body.code,
      unitDestinations: listed.map((l) => ({ unitCode: l.unit.code, toBodyCode: l.to.code })),
      ...(fallback ? { defaultBodyCode: fallback.code } : {}),
      ...(continues ? { bodyContinues: true } : {}),
    },
  ];
}

function dateOf(d: { month: number; midMonth?: boolean }): IsoDate {
  const year = 2018 + Math.floor(d.month / 12);
  const month = String((d.month % 12) + 1).padStart(2, '0');
  return `${year}-${month}-${d.midMonth ? '15' : '01'}`;
}

/** Decisions sorted by (effective index + delay), batched as asked (never a merger), with annulments slotted in. */
function recordingOrder(decisions: PlannedDecision[], intents: { delay: number; batchWithNext: boolean }[], intent: HistoryIntent): RecordingStep[] {
  const order = decisions.map((_, i) => ({ i, key: i + (intents[i]?.delay ?? 0) })).sort((a, b) => a.key - b.key || a.i - b.i);
  const steps: RecordingStep[] = [];
  for (const { i } of order) {
    const last = steps.at(-1);
    const previous = last?.kind === 'decisions' ? last.indices.at(-1) : undefined;
    const batchable = previous !== undefined && intents[previous]?.batchWithNext && !decisions[previous].mergesProvince && !decisions[i].mergesProvince;
    if (last?.kind === 'decisions' && batchable) last.indices.push(i);
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

  private readonly units: Map<string, SimUnit>;
  /** Bodies new units and transfers may name on this date. */
  private readonly bodies: BodySpec[];

  constructor(
    private readonly number: string,
    private readonly date: IsoDate,
    private readonly sim: Sim,
  ) {
    this.postDecree = date >= DECREE_120_IN_EFFECT;
    this.units = sim.units;
    this.bodies = activeBodies(sim);
  }

  /** Units this decision may change: active, and changed on this date by no other decision. */
  private eligible(): SimUnit[] {
    return [...this.units.values()].filter((u) => !u.ended && !u.foreign && (u.changedOn.get(this.date) ?? this.number) === this.number);
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
    const unit: SimUnit = { code, body, autonomy, quota, ended: false, foreign: false, changedOn: new Map([[this.date, this.number]]) };
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
        const foreign = this.sim.foreignBody;
        // Now and then a unit leaves for the other province's register (it joins back with the province).
        const leaves = foreign !== undefined && !this.sim.merged && op.explicit && op.body % 3 === 0;
        const others = this.bodies.filter((b) => b !== unit?.body);
        if (!unit || (others.length === 0 && !leaves)) return [];
        unit.body = leaves ? foreign : pick(others, op.body);
        unit.foreign = leaves;
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
