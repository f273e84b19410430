import { dayAfter, dayBefore, daysInMonth, isIsoDate, yearOf } from './calendar';

describe('calendar dates', () => {
  describe('dayBefore', () => {
    it.each([
      ['2021-03-15', '2021-03-14'],
      ['2021-03-01', '2021-02-28'],
      ['2020-03-01', '2020-02-29'],
      ['2000-03-01', '2000-02-29'],
      ['1900-03-01', '1900-02-28'],
      ['2021-05-01', '2021-04-30'],
      ['2021-01-01', '2020-12-31'],
    ])('the day before %s is %s', (date, expected) => {
      expect(dayBefore(date)).toBe(expected);
    });
  });

  describe('dayAfter', () => {
    it.each([
      ['2021-03-14', '2021-03-15'],
      ['2021-02-28', '2021-03-01'],
      ['2020-02-28', '2020-02-29'],
      ['2020-02-29', '2020-03-01'],
      ['2100-02-28', '2100-03-01'],
      ['2021-04-30', '2021-05-01'],
      ['2023-12-31', '2024-01-01'],
    ])('the day after %s is %s', (date, expected) => {
      expect(dayAfter(date)).toBe(expected);
    });
  });

  it('dayBefore and dayAfter undo each other across a leap year', () => {
    let date = '2019-12-25';
    const seen: string[] = [];
    while (date < '2021-01-05') {
      seen.push(date);
      expect(dayBefore(dayAfter(date))).toBe(date);
      date = dayAfter(date);
    }
    expect(seen).toHaveLength(7 + 366 + 4);
  });

  it('refuses to step from something that is not a date', () => {
    expect(() => dayBefore('2021-3-1')).toThrow('not a calendar date');
    expect(() => dayAfter('yesterday')).toThrow('not a calendar date');
  });

  describe('isIsoDate', () => {
    it.each(['2020-02-29', '2000-02-29', '2021-12-31', '1900-01-01'])('accepts %s', (value) => {
      expect(isIsoDate(value)).toBe(true);
    });

    it.each([
      ['2021-02-29', 'not a leap year'],
      ['1900-02-29', 'century not divisible by 400'],
      ['2021-04-31', 'April has 30 days'],
      ['2021-13-01', 'month 13'],
      ['2021-00-10', 'month 0'],
      ['2021-01-00', 'day 0'],
      ['2021-1-01', 'one-digit month'],
      ['2021-01-01T00:00:00Z', 'an instant'],
      ['1899-12-31', 'before 1900'],
      ['', 'empty'],
    ])('rejects %s (%s)', (value) => {
      expect(isIsoDate(value)).toBe(false);
    });

    it('rejects non-strings', () => {
      expect(isIsoDate(20210101)).toBe(false);
      expect(isIsoDate(undefined)).toBe(false);
      expect(isIsoDate(null)).toBe(false);
    });
  });

  it('knows the days in each month, February by leap year', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(daysInMonth(2024, 2)).toBe(29);
  });

  it('reads the year of a date', () => {
    expect(yearOf('2023-12-31')).toBe(2023);
  });
});
