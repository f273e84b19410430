import { type IsoDate, OPERATION_TYPE_CODES, SYSTEMS, dayBefore, yearOf } from '@reorg/domain';

/** A unit version as the report reads it (one row of `unit_versions` as known at the instant asked). */
export interface ReportVersion {
  unitId: string;
  validFrom: IsoDate;
  status: string;
  system: string;
  sector: string;
  staffingQuota: number;
  /** Another province's register governing the unit then (null: this register's). */
  province: string | null;
  /** The former province whose territory it serves (null: this register's own). */
  territory: string | null;
}

/** Which units a report counts: this register's (default), or those serving one former province's territory. */
export type ReportScope = { kind: 'register' } | { kind: 'territory'; territory: string | null };

/** A unit event as the report reads it (one row of `report_unit_changes`, recorded by the instant asked). */
export interface ReportChange {
  position: number;
  unitId: string;
  eventType: string;
  operation: string | null;
  decisionKey: string | null;
  effectiveDate: IsoDate;
}

export interface ReductionInput {
  from: IsoDate;
  to: IsoDate;
  /** Every version in force on some day from the day before `from` to `to` (earlier ones are ignored). */
  versions: ReportVersion[];
  /** Every change effective from `from` to `to`, and every annulment (whatever its date). */
  changes: ReportChange[];
  /** Every sector present in the register: each gets a bucket, zeros included. */
  sectors: string[];
  scope?: ReportScope;
  /**
   * Decisions by operation type among the live changes of the period, when counted elsewhere (in
   * SQL: `count(DISTINCT decision_key)` of the changes no later annulment kills). `changes` then
   * need hold only what the counts by unit read: establishments, endings and annulments.
   */
  decisionsByOperation?: Record<string, number>;
}

export interface ReductionBucket {
  activeAtStart: number;
  activeAtEnd: number;
  netReduction: number;
  created: number;
  ended: number;
  transferredIn: number;
  transferredOut: number;
  /** Units that entered the report's scope without being created (a province merger). */
  joined: number;
  /** Units that left the scope without ending (moved to another province's register). */
  left: number;
}

export interface ReductionYear {
  year: number;
  created: number;
  ended: number;
  joined: number;
  left: number;
  netReduction: number;
}

export interface OperationCounts {
  decisions: number;
  unitsCreated: number;
  unitsEnded: number;
}

export interface ReductionReport {
  from: IsoDate;
  to: IsoDate;
  activeAtStart: number;
  activeAtEnd: number;
  netReduction: number;
  created: number;
  ended: number;
  joined: number;
  left: number;
  staffingQuotaAtStart: number;
  staffingQuotaAtEnd: number;
  bySystem: Record<string, ReductionBucket>;
  bySector: Record<string, ReductionBucket>;
  byYear: ReductionYear[];
  byOperation: Record<string, OperationCounts>;
}

const ANNULMENT = 'UnitDecisionAnnulled';
const ENDINGS = new Set(['UnitMerged', 'UnitDissolved']);

type Tally = Omit<ReductionBucket, 'netReduction'>;
const emptyTally = (): Tally => ({ activeAtStart: 0, activeAtEnd: 0, created: 0, ended: 0, transferredIn: 0, transferredOut: 0, joined: 0, left: 0 });

class Buckets {
  private readonly tallies = new Map<string, Tally>();

  constructor(keys: readonly string[]) {
    for (const key of keys) this.tallies.set(key, emptyTally());
  }

  add(key: string, field: keyof Tally, amount = 1): void {
    let tally = this.tallies.get(key);
    if (!tally) this.tallies.set(key, (tally = emptyTally()));
    tally[field] += amount;
  }

  result(order: (keys: string[]) => string[]): Record<string, ReductionBucket> {
    return Object.fromEntries(
      order([...this.tallies.keys()]).map((key) => {
        const tally = this.tallies.get(key)!;
        return [key, { activeAtStart: tally.activeAtStart, activeAtEnd: tally.activeAtEnd, netReduction: tally.activeAtStart - tally.activeAtEnd, created: tally.created, ended: tally.ended, transferredIn: tally.transferredIn, transferredOut: tally.transferredOut, joined: tally.joined, left: tally.left }];
      }),
    );
  }
}

/**
 * A change is live unless an annulment of its decision was recorded after it (a decision re-recorded
 * after its annulment is live again), exactly as the domain's UnitTimeline folds.
 */
function liveChanges(changes: ReportChange[]): ReportChange[] {
  const lastAnnulment = new Map<string, number>();
  for (const change of changes) {
    if (change.eventType !== ANNULMENT || !change.decisionKey) continue;
    const key = `${change.unitId}|${change.decisionKey}`;
    lastAnnulment.set(key, Math.max(lastAnnulment.get(key) ?? 0, change.position));
  }
  return changes.filter((change) => change.eventType !== ANNULMENT && !(change.decisionKey && (lastAnnulment.get(`${change.unitId}|${change.decisionKey}`) ?? 0) > change.position));
}

function groupByUnit(versions: ReportVersion[]): ReportVersion[][] {
  const byUnit = new Map<string, ReportVersion[]>();
  for (const version of versions) {
    const chain = byUnit.get(version.unitId);
    if (chain) chain.push(version);
    else byUnit.set(version.unitId, [version]);
  }
  return [...byUnit.values()].map((chain) => chain.sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0)));
}

const byCode = (keys: string[]) => [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const systemsFirst = (keys: string[]) => [...SYSTEMS.filter((s) => keys.includes(s)), ...byCode(keys.filter((k) => !(SYSTEMS as readonly string[]).includes(k)))];
const operationOrder = (keys: string[]) => [...OPERATION_TYPE_CODES.filter((o) => keys.includes(o)), ...byCode(keys.filter((k) => !(OPERATION_TYPE_CODES as readonly string[]).includes(k)))];

/**
 * The reduction report over `from`..`to` (inclusive, by effective date), from each unit's chain of
 * versions: a unit counts as active at the start if its version on the day before `from` is ACTIVE,
 * at the end if its version on `to` is; every step of the chain inside the period is a creation
 * (first version, established by a decided operation), an ending (ACTIVE → ended) or, between two
 * active versions in different buckets, a transfer out of one and into the other. Counting every
 * step keeps `activeAtStart + created − ended + transferredIn − transferredOut = activeAtEnd` in
 * every bucket. Baseline registrations are never counted as created.
 */
export function computeReductionReport(input: ReductionInput): ReductionReport {
  const { from, to } = input;
  const start = dayBefore(from);
  const live = liveChanges(input.changes).filter((change) => change.effectiveDate >= from && change.effectiveDate <= to);
  const establishedBy = new Map(live.filter((c) => c.eventType === 'UnitEstablished').map((c) => [c.unitId, c.operation ?? 'ESTABLISH']));
  const endedBy = new Map(live.filter((c) => ENDINGS.has(c.eventType)).map((c) => [`${c.unitId}|${c.effectiveDate}`, c.operation ?? 'DISSOLVE']));

  const bySystem = new Buckets(SYSTEMS);
  const bySector = new Buckets(input.sectors);
  const years = new Map<number, ReductionYear>();
  for (let year = yearOf(from); year <= yearOf(to); year++) years.set(year, { year, created: 0, ended: 0, joined: 0, left: 0, netReduction: 0 });
  const operations = new Map<string, { decisions: Set<string>; unitsCreated: number; unitsEnded: number }>();
  const operation = (type: string) => {
    let counts = operations.get(type);
    if (!counts) operations.set(type, (counts = { decisions: new Set(), unitsCreated: 0, unitsEnded: 0 }));
    return counts;
  };
  const decisionCounts = input.decisionsByOperation;
  if (decisionCounts) for (const type of Object.keys(decisionCounts)) operation(type);
  else for (const change of live) if (change.operation) operation(change.operation).decisions.add(change.decisionKey ?? `position:${change.position}`);

  let created = 0;
  let ended = 0;
  let joined = 0;
  let left = 0;
  const scope = input.scope ?? { kind: 'register' };
  const inScope = (version: ReportVersion) => (scope.kind === 'register' ? version.province === null : version.territory === scope.territory);
  const counted = (version: ReportVersion | undefined) => version?.status === 'ACTIVE' && inScope(version);
  let staffingQuotaAtStart = 0;
  let staffingQuotaAtEnd = 0;
  const count = (version: ReportVersion, field: keyof Tally) => {
    bySystem.add(version.system, field);
    bySector.add(version.sector, field);
  };

  for (const chain of groupByUnit(input.versions)) {
    let previous = chain.filter((version) => version.validFrom <= start).at(-1);
    if (previous && counted(previous)) {
      count(previous, 'activeAtStart');
      staffingQuotaAtStart += previous.staffingQuota;
    }
    for (const version of chain.filter((v) => v.validFrom >= from && v.validFrom <= to)) {
      const wasActive = counted(previous);
      const isActive = counted(version);
      const year = years.get(yearOf(version.validFrom))!;
      if (previous && previous.status === 'ACTIVE' && version.status === 'ACTIVE' && wasActive !== isActive) {
        // Entered or left the scope while active: a province merger, or a move to another province's register.
        count(wasActive ? previous : version, wasActive ? 'left' : 'joined');
        if (wasActive) {
          left++;
          year.left++;
        } else {
          joined++;
          year.joined++;
        }
      } else if (!previous && isActive && establishedBy.has(version.unitId)) {
        count(version, 'created');
        created++;
        year.created++;
        operation(establishedBy.get(version.unitId)!).unitsCreated++;
      } else if (previous && wasActive && !isActive) {
        count(previous, 'ended');
        ended++;
        year.ended++;
        const type = endedBy.get(`${version.unitId}|${version.validFrom}`);
        if (type) operation(type).unitsEnded++;
      } else if (previous && wasActive && isActive) {
        if (previous.system !== version.system) {
          bySystem.add(previous.system, 'transferredOut');
          bySystem.add(version.system, 'transferredIn');
        }
        if (previous.sector !== version.sector) {
          bySector.add(previous.sector, 'transferredOut');
          bySector.add(version.sector, 'transferredIn');
        }
      }
      previous = version;
    }
    if (previous && counted(previous)) {
      count(previous, 'activeAtEnd');
      staffingQuotaAtEnd += previous.staffingQuota;
    }
  }

  const systems = bySystem.result(systemsFirst);
  const activeAtStart = Object.values(systems).reduce((sum, b) => sum + b.activeAtStart, 0);
  const activeAtEnd = Object.values(systems).reduce((sum, b) => sum + b.activeAtEnd, 0);
  return {
    from,
    to,
    activeAtStart,
    activeAtEnd,
    netReduction: activeAtStart - activeAtEnd,
    created,
    ended,
    joined,
    left,
    staffingQuotaAtStart,
    staffingQuotaAtEnd,
    bySystem: systems,
    bySector: bySector.result(byCode),
    byYear: [...years.values()].map((y) => ({ ...y, netReduction: y.ended - y.created + y.left - y.joined })),
    byOperation: Object.fromEntries(
      operationOrder([...operations.keys()]).map((type) => {
        const counts = operations.get(type)!;
        return [type, { decisions: decisionCounts ? (decisionCounts[type] ?? 0) : counts.decisions.size, unitsCreated: counts.unitsCreated, unitsEnded: counts.unitsEnded }];
      }),
    ),
  };
}
