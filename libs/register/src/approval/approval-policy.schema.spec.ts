import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { weekdayOf } from '@reorg/domain/approval';
import { DEFAULT_POLICY, DEFAULT_POLICY_V2 } from '@reorg/domain/approval/testing/policies';
import { ApprovalConfigError, loadApprovalPolicy, loadHolidays } from './approval-policy.schema';

const root = join(__dirname, '..', '..', '..', '..');
const SHIPPED_POLICY = join(root, 'deploy/approval-policy/default.v1.json');
const SHIPPED_POLICY_V2 = join(root, 'deploy/approval-policy/default.v2.json');
const SHIPPED_HOLIDAYS = join(root, 'deploy/approval-policy/holidays.vn.json');

describe('approval configuration files', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reorg-policy-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function file(name: string, content: unknown): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  }

  function errorOf(load: () => unknown): ApprovalConfigError {
    try {
      load();
    } catch (error) {
      if (error instanceof ApprovalConfigError) return error;
      throw error;
    }
    throw new Error('the file was accepted');
  }

  it('the shipped default policies (v1, and v2 with the commune chain) are the ones the domain specs use', () => {
    expect(loadApprovalPolicy(SHIPPED_POLICY)).toEqual(DEFAULT_POLICY);
    expect(loadApprovalPolicy(SHIPPED_POLICY_V2)).toEqual(DEFAULT_POLICY_V2);
  });

  it('refuses a date bound that is not a date', async () => {
    const path = await file('dated.json', { id: 'p', version: 1, chains: [{ key: 'c', when: { effectiveFrom: '2025-02-30' }, decisionIssuer: 'X', steps: [{ name: 'S', role: 'commune_leader', deadlineWorkingDays: 5 }] }] });
    expect(errorOf(() => loadApprovalPolicy(path)).message).toContain('chains.0.when.effectiveFrom: must be a date YYYY-MM-DD');
  });

  it('names the file and every problem, with its path, in one readable error', async () => {
    const path = await file('bad.json', {
      id: 'Default Policy',
      version: 0,
      chains: [
        { key: 'government', when: { systems: ['GOVERMENT'] }, decisionIssuer: 'UBND tỉnh', steps: [{ name: 'Thẩm định', role: 'doha', deadlineWorkingDays: 0 }] },
        { key: 'government', when: {}, decisionIssuer: 'X', steps: [] },
      ],
    });
    const error = errorOf(() => loadApprovalPolicy(path));
    expect(error.message.split('\n')[0]).toBe(`Invalid approval configuration in ${path}:`);
    for (const where of ['  - id: ', '  - version: ', '  - chains.0.when.systems.0: ', '  - chains.0.steps.0.role: ', '  - chains.0.steps.0.deadlineWorkingDays: ', '  - chains.1.steps: ']) {
      expect(error.message).toContain(where);
    }
    expect(error.message).toContain('duplicate chain key government');
  });

  it('refuses unknown fields (a typo is not silently ignored), a missing file and a file that is not JSON', async () => {
    const typo = await file('typo.json', { id: 'p', version: 1, chains: [{ key: 'c', when: {}, decisionIssuer: 'X', steps: [{ name: 'S', role: 'ppc_leader', deadlineWorkingDays: 5, deadline: 3 }] }] });
    expect(errorOf(() => loadApprovalPolicy(typo)).message).toMatch(/chains\.0\.steps\.0: Unrecognized key/);
    expect(errorOf(() => loadApprovalPolicy(join(dir, 'missing.json'))).message).toContain('cannot read the file (ENOENT)');
    const notJson = await file('x.json', '{ nope');
    expect(errorOf(() => loadApprovalPolicy(notJson)).message).toContain('not JSON');
  });

  describe('holidays', () => {
    it('ships Vietnamese public holidays 2024–2027, weekdays only, Tết included', () => {
      const holidays = loadHolidays({ file: SHIPPED_HOLIDAYS });
      expect(holidays.every((date) => !['SAT', 'SUN'].includes(weekdayOf(date)))).toBe(true);
      expect([...new Set(holidays.map((d) => d.slice(0, 4)))]).toEqual(['2024', '2025', '2026', '2027']);
      expect(holidays).toEqual(expect.arrayContaining(['2024-02-12', '2025-01-29', '2026-02-17', '2024-09-02', '2025-04-30', '2025-05-01', '2026-01-01']));
    });

    it('gives 2026-01-02 off (swapped with Saturday 10 January) and Hùng Kings\' Day 2027 on 16 April (10/3 lunar), each with a source', () => {
      const holidays = loadHolidays({ file: SHIPPED_HOLIDAYS });
      expect(holidays).toEqual(expect.arrayContaining(['2026-01-01', '2026-01-02', '2026-04-27', '2027-04-16']));
      expect(holidays).not.toContain('2027-04-15');
      const { sources } = JSON.parse(readFileSync(SHIPPED_HOLIDAYS, 'utf8')) as { sources: { covers: string }[] };
      expect(sources.map((s) => s.covers)).toEqual(expect.arrayContaining(['2026-01-02', '2027-04-16']));
    });

    it('merges the file with extra dates, sorted, each once; without a file the dates alone', () => {
      expect(loadHolidays({ file: SHIPPED_HOLIDAYS, dates: ['2030-01-01', '2024-01-01'] }).filter((d) => d === '2024-01-01' || d === '2030-01-01')).toEqual(['2024-01-01', '2030-01-01']);
      expect(loadHolidays({ dates: ['2025-12-31', '2025-01-02'] })).toEqual(['2025-01-02', '2025-12-31']);
    });

    it('refuses a holiday that is not a date', async () => {
      const path = await file('holidays.json', { holidays: [{ date: '2025-02-30', name: 'X' }] });
      expect(errorOf(() => loadHolidays({ file: path })).message).toContain('holidays.0.date: must be a date YYYY-MM-DD');
    });
  });
});
