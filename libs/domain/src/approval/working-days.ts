import { type IsoDate, dayAfter, isIsoDate } from '../shared/calendar';

export type Weekday = 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN';
const WEEKDAYS: readonly Weekday[] = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Offsets of Sakamoto's method: the weekday of the first of each month in a year starting on Sunday. */
const MONTH_OFFSETS = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];

/** The day of the week of a Gregorian date, by arithmetic alone (Sakamoto's method). */
export function weekdayOf(date: IsoDate): Weekday {
  if (!isIsoDate(date)) throw new Error(`not a calendar date: ${date}`);
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const year = Number(date.slice(0, 4)) - (month < 3 ? 1 : 0);
  const index = (year + Math.floor(year / 4) - Math.floor(year / 100) + Math.floor(year / 400) + MONTH_OFFSETS[month - 1] + day) % 7;
  return WEEKDAYS[index];
}

/** Monday to Friday, and not a public holiday. */
export function isWorkingDay(date: IsoDate, holidays: ReadonlySet<IsoDate>): boolean {
  const weekday = weekdayOf(date);
  return weekday !== 'SAT' && weekday !== 'SUN' && !holidays.has(date);
}

/**
 * The date `n` working days after `date`: the n-th working day strictly after it, skipping
 * Saturdays, Sundays and the holidays given (legal deadlines are counted this way: a step opened
 * on Friday with 1 working day is due on Monday). `n = 0` answers `date` itself.
 */
export function addWorkingDays(date: IsoDate, n: number, holidays: Iterable<IsoDate> = []): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new Error(`working days must be a whole number ≥ 0, not ${n}`);
  if (!isIsoDate(date)) throw new Error(`not a calendar date: ${date}`);
  const closed = holidays instanceof Set ? (holidays as ReadonlySet<IsoDate>) : new Set(holidays);
  let current = date;
  for (let counted = 0; counted < n; ) {
    current = dayAfter(current);
    if (isWorkingDay(current, closed)) counted++;
  }
  return current;
}
