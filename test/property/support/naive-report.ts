import { dayBefore } from '@reorg/domain';
import type { NaiveRegister } from './naive-replay';

export interface NaiveBucket {
  activeAtStart: number;
  activeAtEnd: number;
  created: number;
  ended: number;
  transferredIn: number;
  transferredOut: number;
  joined: number;
  left: number;
}

export interface NaiveReport {
  activeAtStart: number;
  activeAtEnd: number;
  created: number;
  ended: number;
  joined: number;
  left: number;
  staffingQuotaAtStart: number;
  staffingQuotaAtEnd: number;
  bySystem: Record<string, NaiveBucket>;
}

const bucket = (): NaiveBucket => ({ activeAtStart: 0, activeAtEnd: 0, created: 0, ended: 0, transferredIn: 0, transferredOut: 0, joined: 0, left: 0 });

/**
 * The reduction report's counts from the naive replay, day by day: each unit's state the day
 * before `from`, then on each date in the period where it changes. A day's step is a creation
 * (nothing → active, established by a decision), an ending (active → ended) or, active on both
 * sides with another system, a transfer. States are per day, so several operations of one
 * decision on one unit count as the one change they make to that day's state. Only this
 * register's units count (governed by no other province's register that day): a unit active on
 * both sides that enters this register JOINED (a province merger), one that goes LEFT.
 */
export function naiveReduction(naive: NaiveRegister, from: string, to: string, knownAt: string | undefined): NaiveReport {
  const start = dayBefore(from);
  const report: NaiveReport = { activeAtStart: 0, activeAtEnd: 0, created: 0, ended: 0, joined: 0, left: 0, staffingQuotaAtStart: 0, staffingQuotaAtEnd: 0, bySystem: { GOVERNMENT: bucket(), PARTY_MASS: bucket() } };
  const states = new Map<string, ReturnType<NaiveRegister['unitsAt']>>();
  const provinces = new Map<string, ReturnType<NaiveRegister['provincesAt']>>();
  const at = (date: string) => states.get(date) ?? states.set(date, naive.unitsAt(date, knownAt)).get(date)!;
  const provinceOn = (date: string) => provinces.get(date) ?? provinces.set(date, naive.provincesAt(date, knownAt)).get(date)!;
  const ours = (date: string, unitId: string) => (provinceOn(date).get(unitId) ?? null) === null;
  for (const [unitId, { dates, decided }] of naive.changeDates(knownAt)) {
    let previous = at(start).get(unitId);
    let wasOurs = ours(start, unitId);
    if (previous?.status === 'ACTIVE' && wasOurs) {
      report.activeAtStart++;
      report.staffingQuotaAtStart += previous.staffingQuota;
      report.bySystem[previous.system].activeAtStart++;
    }
    for (const date of dates.filter((d) => d >= from && d <= to)) {
      const current = at(date).get(unitId);
      if (!current) continue;
      const isOurs = ours(date, unitId);
      if (previous?.status === 'ACTIVE' && current.status === 'ACTIVE' && wasOurs !== isOurs) {
        if (isOurs) {
          report.joined++;
          report.bySystem[current.system].joined++;
        } else {
          report.left++;
          report.bySystem[previous.system].left++;
        }
      } else if (!previous && current.status === 'ACTIVE' && decided && isOurs) {
        report.created++;
        report.bySystem[current.system].created++;
      } else if (previous?.status === 'ACTIVE' && wasOurs && current.status !== 'ACTIVE') {
        report.ended++;
        report.bySystem[previous.system].ended++;
      } else if (previous?.status === 'ACTIVE' && current.status === 'ACTIVE' && wasOurs && previous.system !== current.system) {
        report.bySystem[previous.system].transferredOut++;
        report.bySystem[current.system].transferredIn++;
      }
      previous = current;
      wasOurs = isOurs;
    }
    if (previous?.status === 'ACTIVE' && wasOurs) {
      report.activeAtEnd++;
      report.staffingQuotaAtEnd += previous.staffingQuota;
      report.bySystem[previous.system].activeAtEnd++;
    }
  }
  return report;
}
