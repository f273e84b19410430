import { AppConfig } from './app-config';
import { ConfigValidationError } from './config-validation.error';

describe('AppConfig: approval policy and holidays', () => {
  it('defaults to the shipped policy and Vietnamese holiday files', () => {
    expect(AppConfig.fromEnv({}).approvalPolicy).toEqual({
      policyFile: 'deploy/approval-policy/default.v2.json',
      holidaysFile: 'deploy/approval-policy/holidays.vn.json',
      holidays: [],
    });
  });

  it('reads APPROVAL_POLICY_FILE, HOLIDAYS_FILE (none turns it off) and HOLIDAYS as a comma list', () => {
    const config = AppConfig.fromEnv({ APPROVAL_POLICY_FILE: '/etc/reorg/policy.v2.json', HOLIDAYS_FILE: 'none', HOLIDAYS: '2025-01-02, 2025-12-31' });
    expect(config.approvalPolicy).toEqual({ policyFile: '/etc/reorg/policy.v2.json', holidays: ['2025-01-02', '2025-12-31'] });
  });

  it('refuses HOLIDAYS with something that is not a date', () => {
    let error: unknown;
    try {
      AppConfig.fromEnv({ HOLIDAYS: '2025-01-02,2025-02-30' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).problems).toEqual([{ variable: 'HOLIDAYS', message: 'must be a comma-separated list of dates YYYY-MM-DD' }]);
  });
});
