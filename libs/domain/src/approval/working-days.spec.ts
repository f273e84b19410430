import { addWorkingDays, isWorkingDay, weekdayOf } from './working-days';

describe('working days', () => {
  describe('weekdayOf (arithmetic, no Date)', () => {
    it.each([
      ['2024-01-01', 'MON'],
      ['2024-02-29', 'THU'],
      ['2025-07-01', 'TUE'],
      ['2000-03-01', 'WED'],
      ['1900-01-01', 'MON'],
      ['2026-02-17', 'TUE'],
      ['2027-12-31', 'FRI'],
    ])('%s is a %s', (date, weekday) => {
      expect(weekdayOf(date)).toBe(weekday);
    });

    it('agrees with the Gregorian calendar on every day of 2024–2027', () => {
      const names = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
      // Test-only cross-check against the platform calendar (the domain code never uses Date).
      for (let t = Date.UTC(2024, 0, 1); t <= Date.UTC(2027, 11, 31); t += 86_400_000) {
        const day = new Date(t);
        expect(weekdayOf(day.toISOString().slice(0, 10))).toBe(names[day.getUTCDay()]);
      }
    });

    it('refuses what is not a date', () => {
      expect(() => weekdayOf('2024-02-30')).toThrow(/not a calendar date/);
    });
  });

  it('isWorkingDay: weekdays that are not holidays', () => {
    const holidays = new Set(['2025-09-02']);
    expect(['2025-08-30', '2025-08-31', '2025-09-01', '2025-09-02'].map((d) => isWorkingDay(d, holidays))).toEqual([false, false, true, false]);
  });

  describe('addWorkingDays', () => {
    it('counts weekdays after the date: Monday + 10 is the Monday two weeks later', () => {
      expect(addWorkingDays('2024-03-04', 10)).toBe('2024-03-18');
    });

    it('skips the weekend: Friday + 1 is Monday; Saturday + 1 is Monday too', () => {
      expect(addWorkingDays('2024-03-08', 1)).toBe('2024-03-11');
      expect(addWorkingDays('2024-03-09', 1)).toBe('2024-03-11');
    });

    it('answers the date itself for 0 days, even on a weekend', () => {
      expect(addWorkingDays('2024-03-09', 0)).toBe('2024-03-09');
    });

    it('skips holidays: Tết Ất Tỵ 2025 (27–31 Jan) pushes a 10-day deadline by a week', () => {
      const tet = ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'];
      expect(addWorkingDays('2025-01-20', 10)).toBe('2025-02-03');
      expect(addWorkingDays('2025-01-20', 10, tet)).toBe('2025-02-10');
    });

    it('crosses months and leap days', () => {
      expect(addWorkingDays('2024-02-28', 2)).toBe('2024-03-01');
      expect(addWorkingDays('2024-12-31', 1, ['2025-01-01'])).toBe('2025-01-02');
    });

    it('ignores holidays that fall on weekends (they are days off anyway)', () => {
      expect(addWorkingDays('2024-03-08', 1, ['2024-03-09', '2024-03-10'])).toBe('2024-03-11');
    });

    it('refuses a negative or fractional number of days', () => {
      expect(() => addWorkingDays('2024-03-04', -1)).toThrow(/whole number/);
      expect(() => addWorkingDays('2024-03-04', 1.5)).toThrow(/whole number/);
    });
  });
});
