import { AppConfig } from './app-config';
import { ConfigValidationError } from './config-validation.error';

function problemsOf(env: Record<string, string>): string[] {
  try {
    AppConfig.fromEnv(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems.map((p) => p.variable);
    throw error;
  }
  throw new Error('the configuration was accepted');
}

const production = { NODE_ENV: 'production', AUTH_MODE: 'jwt', JWT_JWKS_URL: 'https://id.example.vn/jwks', JWT_ISSUER: 'https://id.example.vn', JWT_AUDIENCE: 'reorg', CONSOLE_OIDC_CLIENT_ID: 'reorg-console' };

describe('clock, approval runtime and rate limit settings', () => {
  it('defaults to the real clock, the embedded approval runtime and rate limits on', () => {
    const config = AppConfig.fromEnv({});
    expect(config.clock).toEqual({ offsetSeconds: 0 });
    expect(config.approval).toEqual({ runtime: 'embedded', port: 3001, tickSeconds: 5 });
    expect(config.rateLimit).toEqual({ enabled: true, writesPerMinute: 120, tokensPerMinute: 30, tokensPerClientPerMinute: 30 });
  });

  it('reads a fixed or shifted clock outside production, normalised to UTC', () => {
    const config = AppConfig.fromEnv({ NODE_ENV: 'test', CLOCK_FIXED_AT: '2025-06-30T08:00:00+07:00', CLOCK_OFFSET_SECONDS: '-86400' });
    expect(config.clock).toEqual({ fixedAt: '2025-06-30T01:00:00.000Z', offsetSeconds: -86400 });
  });

  it('refuses a fixed or shifted clock in production', () => {
    expect(problemsOf({ ...production, CLOCK_FIXED_AT: '2025-06-30T00:00:00Z' })).toEqual(['CLOCK_FIXED_AT']);
    expect(problemsOf({ ...production, CLOCK_OFFSET_SECONDS: '60' })).toEqual(['CLOCK_OFFSET_SECONDS']);
    expect(AppConfig.fromEnv(production).clock).toEqual({ offsetSeconds: 0 });
  });

  it('refuses malformed values', () => {
    expect(problemsOf({ CLOCK_FIXED_AT: '30/06/2025', CLOCK_OFFSET_SECONDS: '1.5', APPROVAL_RUNTIME: 'sometimes', RATE_LIMIT_ENABLED: 'maybe', RATE_LIMIT_WRITES_PER_MINUTE: '0' }).sort()).toEqual([
      'APPROVAL_RUNTIME',
      'CLOCK_FIXED_AT',
      'CLOCK_OFFSET_SECONDS',
      'RATE_LIMIT_ENABLED',
      'RATE_LIMIT_WRITES_PER_MINUTE',
    ]);
  });

  it('turns rate limits off and reads the limits', () => {
    expect(AppConfig.fromEnv({ RATE_LIMIT_ENABLED: 'false', RATE_LIMIT_WRITES_PER_MINUTE: '5', RATE_LIMIT_TOKENS_PER_MINUTE: '2', RATE_LIMIT_TOKENS_PER_CLIENT_PER_MINUTE: '7' }).rateLimit).toEqual({
      enabled: false,
      writesPerMinute: 5,
      tokensPerMinute: 2,
      tokensPerClientPerMinute: 7,
    });
  });

  it('turns the embedded approval runtime off', () => {
    expect(AppConfig.fromEnv({ APPROVAL_RUNTIME: 'off' }).approval.runtime).toBe('off');
  });
});
