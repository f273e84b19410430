import { Clock } from './clock';

const HO_CHI_MINH = 'Asia/Ho_Chi_Minh';

describe('Clock', () => {
  it('reads the system time when neither fixed nor shifted', () => {
    const clock = new Clock({ timezone: HO_CHI_MINH }, () => Date.parse('2025-06-30T10:00:00Z'));
    expect(clock.now()).toBe('2025-06-30T10:00:00.000Z');
    expect(clock.nowMs()).toBe(Date.parse('2025-06-30T10:00:00Z'));
  });

  it('answers today in the province, which is already tomorrow from 17:00 UTC', () => {
    const at = (iso: string) => new Clock({ timezone: HO_CHI_MINH }, () => Date.parse(iso)).today();
    expect(at('2025-06-30T16:59:59Z')).toBe('2025-06-30');
    expect(at('2025-06-30T17:00:00Z')).toBe('2025-07-01');
  });

  it('uses the configured time zone', () => {
    expect(new Clock({ timezone: 'UTC' }, () => Date.parse('2025-06-30T17:00:00Z')).today()).toBe('2025-06-30');
  });

  it('stands still at a fixed instant, whatever the system time', () => {
    let system = Date.parse('2030-01-01T00:00:00Z');
    const clock = new Clock({ timezone: HO_CHI_MINH, fixedAt: '2025-06-30T08:00:00+07:00' }, () => system);
    expect(clock.now()).toBe('2025-06-30T01:00:00.000Z');
    system += 86_400_000;
    expect(clock.now()).toBe('2025-06-30T01:00:00.000Z');
    expect(clock.today()).toBe('2025-06-30');
  });

  it('shifts the system time or the fixed instant by the offset', () => {
    const shifted = new Clock({ timezone: HO_CHI_MINH, offsetSeconds: 2 * 86_400 }, () => Date.parse('2025-06-30T01:00:00Z'));
    expect(shifted.today()).toBe('2025-07-02');
    const fixedAndShifted = new Clock({ timezone: HO_CHI_MINH, fixedAt: '2025-06-30T01:00:00Z', offsetSeconds: -3600 });
    expect(fixedAndShifted.now()).toBe('2025-06-30T00:00:00.000Z');
  });

  it('is built from the configuration', () => {
    const clock = Clock.fromConfig({ timezone: HO_CHI_MINH, clock: { fixedAt: '2025-07-01T00:00:00.000Z', offsetSeconds: 60 } });
    expect(clock.now()).toBe('2025-07-01T00:01:00.000Z');
  });

  it('refuses a fixed instant that is not one', () => {
    expect(() => new Clock({ timezone: HO_CHI_MINH, fixedAt: 'tomorrow' })).toThrow('not an instant');
  });
});
