import { AppConfig } from './app-config';
import { ConfigValidationError } from './config-validation.error';

function refusal(env: Record<string, string | undefined>): ConfigValidationError {
  try {
    AppConfig.fromEnv(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

const jwtEnv = {
  AUTH_MODE: 'jwt',
  JWT_JWKS_URL: 'https://id.example.vn/.well-known/jwks.json',
  JWT_ISSUER: 'https://id.example.vn',
  JWT_AUDIENCE: 'reorg-api',
  CONSOLE_OIDC_CLIENT_ID: 'reorg-console',
};

describe('AppConfig.fromEnv', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = AppConfig.fromEnv({});
    expect(config.http).toEqual({ host: '0.0.0.0', port: 3000 });
    expect(config.nodeEnv).toBe('development');
    expect(config.logLevel).toBe('info');
    expect(config.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(config.eventStore).toEqual({ kind: 'sqlite', sqlitePath: 'data/events.sqlite', sqliteWriter: 'worker', maxClockSkewMs: 5_000 });
    expect(AppConfig.fromEnv({ EVENT_STORE_SQLITE_WRITER: 'inline' }).eventStore).toMatchObject({ sqliteWriter: 'inline' });
    expect(config.readModels).toEqual({ kind: 'sqlite', sqlitePath: 'data/read-models.sqlite' });
    expect(config.files).toEqual({ dataDir: './data', attachmentsDir: 'data/attachments', idempotencySqlitePath: 'data/idempotency-keys.sqlite' });
    expect(config.kafka.brokers).toEqual([]);
    expect(config.kafka.relayRuntime).toBe('embedded');
    expect(config.projections).toEqual({ runtime: 'embedded', onStoreMismatch: 'refuse' });
    expect(config.auth).toMatchObject({ mode: 'dev', devTokenTtlSeconds: 3600 });
  });

  it('keeps every embedded file in DATA_DIR; SQLITE_PATH and READ_MODEL_SQLITE_PATH override their own file only', () => {
    const all = AppConfig.fromEnv({ DATA_DIR: '/srv/reorg' });
    expect(all.eventStore).toEqual({ kind: 'sqlite', sqlitePath: '/srv/reorg/events.sqlite', sqliteWriter: 'worker', maxClockSkewMs: 5_000 });
    expect(all.readModels).toEqual({ kind: 'sqlite', sqlitePath: '/srv/reorg/read-models.sqlite' });
    expect(all.files).toEqual({ dataDir: '/srv/reorg', attachmentsDir: '/srv/reorg/attachments', idempotencySqlitePath: '/srv/reorg/idempotency-keys.sqlite' });
    const overridden = AppConfig.fromEnv({ DATA_DIR: '/srv/reorg', SQLITE_PATH: '/fast/events.sqlite' });
    expect(overridden.eventStore).toEqual({ kind: 'sqlite', sqlitePath: '/fast/events.sqlite', sqliteWriter: 'worker', maxClockSkewMs: 5_000 });
    expect(overridden.readModels).toEqual({ kind: 'sqlite', sqlitePath: '/srv/reorg/read-models.sqlite' });
    expect(overridden.files.attachmentsDir).toBe('/srv/reorg/attachments');
  });

  it('names the file that keeps a generated dev token secret, in DATA_DIR, when none is configured', () => {
    const auth = AppConfig.fromEnv({ DATA_DIR: '/srv/reorg' }).auth;
    expect(auth).toEqual({ mode: 'dev', devTokenSecretFile: '/srv/reorg/dev-token-secret', devTokenTtlSeconds: 3600 });
    expect(AppConfig.fromEnv({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://u@db:5432/reorg' }).auth).toMatchObject({ devTokenSecretFile: 'data/dev-token-secret' });
  });

  it('keeps a configured dev token secret and TTL', () => {
    const auth = AppConfig.fromEnv({ DEV_TOKEN_SECRET: 'x'.repeat(40), DEV_TOKEN_TTL_SECONDS: '60', DATA_DIR: '/srv' }).auth;
    expect(auth).toEqual({ mode: 'dev', devTokenSecret: 'x'.repeat(40), devTokenSecretFile: '/srv/dev-token-secret', devTokenTtlSeconds: 60 });
  });

  it('reads PostgreSQL settings for both the store and the read models', () => {
    const config = AppConfig.fromEnv({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://u@db:5432/reorg', DATABASE_SCHEMA: 'reorg' });
    expect(config.eventStore).toEqual({ kind: 'postgres', databaseUrl: 'postgres://u@db:5432/reorg', schema: 'reorg', maxClockSkewMs: 5_000 });
    expect(config.readModels).toEqual({ kind: 'postgres', databaseUrl: 'postgres://u@db:5432/reorg', schema: 'reorg' });
  });

  it('splits KAFKA_BROKERS and trims each broker', () => {
    expect(AppConfig.fromEnv({ KAFKA_BROKERS: '127.0.0.1:9092, kafka-2:9092' }).kafka.brokers).toEqual(['127.0.0.1:9092', 'kafka-2:9092']);
  });

  it('reads the topic settings and where the relay and projections run', () => {
    const config = AppConfig.fromEnv({
      KAFKA_TOPIC_PARTITIONS: '12',
      KAFKA_TOPIC_REPLICATION_FACTOR: '3',
      KAFKA_TOPIC_CONFIG: 'min.insync.replicas=2, retention.ms=-1',
      RELAY_RUNTIME: 'off',
      PROJECTIONS_RUNTIME: 'off',
    });
    expect(config.kafka.topics).toEqual({ partitions: 12, replicationFactor: 3, config: { 'min.insync.replicas': '2', 'retention.ms': '-1' } });
    expect(config.kafka.relayRuntime).toBe('off');
    expect(config.projections).toEqual({ runtime: 'off', onStoreMismatch: 'refuse' });
    expect(AppConfig.fromEnv({}).kafka.topics).toEqual({ partitions: 6, replicationFactor: 1, config: {} });
  });

  it('refuses topic settings that are not name=value pairs', () => {
    expect(refusal({ KAFKA_TOPIC_CONFIG: 'retention.ms' }).problems[0].variable).toBe('KAFKA_TOPIC_CONFIG');
  });

  it('reads the OIDC settings in jwt mode, also in production', () => {
    const config = AppConfig.fromEnv({ ...jwtEnv, NODE_ENV: 'production' });
    expect(config.auth).toEqual({
      mode: 'jwt',
      jwksUrl: jwtEnv.JWT_JWKS_URL,
      issuer: jwtEnv.JWT_ISSUER,
      audience: jwtEnv.JWT_AUDIENCE,
      console: { clientId: 'reorg-console', scope: 'openid profile' },
    });
  });

  it("reads the console's OIDC scopes and refuses scopes without openid", () => {
    const config = AppConfig.fromEnv({ ...jwtEnv, CONSOLE_OIDC_SCOPE: 'openid profile reorg-api' });
    expect(config.auth.mode === 'jwt' && config.auth.console.scope).toBe('openid profile reorg-api');
    expect(refusal({ ...jwtEnv, CONSOLE_OIDC_SCOPE: 'profile' }).problems.map((p) => p.variable)).toEqual(['CONSOLE_OIDC_SCOPE']);
  });

  it('treats empty variables as unset', () => {
    expect(AppConfig.fromEnv({ PORT: '', EVENT_STORE: ' ' }).http.port).toBe(3000);
  });

  it('is frozen', () => {
    const config = AppConfig.fromEnv({});
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every bad variable in one readable error', () => {
    const error = refusal({ PORT: 'abc', EVENT_STORE: 'mysql', LOG_LEVEL: 'loud', KAFKA_BROKERS: 'nohost', TIMEZONE: 'Mars/Olympus' });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['EVENT_STORE', 'KAFKA_BROKERS', 'LOG_LEVEL', 'PORT', 'TIMEZONE']);
    expect(error.message).toMatch(/^Invalid configuration/);
    expect(error.message).toContain('  - PORT: ');
    expect(error.message).toContain('  - TIMEZONE: must be an IANA time zone');
  });

  it('reports cross-variable problems together with single-variable ones', () => {
    expect(refusal({ PORT: 'abc', AUTH_MODE: 'jwt', JWT_ISSUER: 'https://id' }).problems.map((p) => p.variable).sort()).toEqual([
      'CONSOLE_OIDC_CLIENT_ID',
      'JWT_AUDIENCE',
      'JWT_JWKS_URL',
      'PORT',
    ]);
  });

  it('refuses a port out of range', () => {
    expect(refusal({ PORT: '70000' }).problems[0].variable).toBe('PORT');
  });

  it('requires DATABASE_URL for the postgres store', () => {
    expect(refusal({ EVENT_STORE: 'postgres' }).problems).toEqual([{ variable: 'DATABASE_URL', message: 'required when EVENT_STORE=postgres' }]);
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL', () => {
    expect(refusal({ EVENT_STORE: 'postgres', DATABASE_URL: 'mysql://x' }).problems[0].variable).toBe('DATABASE_URL');
  });

  it("requires the JWKS URL, issuer, audience and the console's client id in jwt mode, naming each", () => {
    const error = refusal({ AUTH_MODE: 'jwt' });
    expect(error.problems.map((p) => p.variable)).toEqual(['JWT_JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE', 'CONSOLE_OIDC_CLIENT_ID']);
    expect(error.message).toContain('  - CONSOLE_OIDC_CLIENT_ID: required when AUTH_MODE=jwt');
  });

  it('refuses a JWKS URL that is not http(s)', () => {
    expect(refusal({ ...jwtEnv, JWT_JWKS_URL: 'file:///etc/keys.json' }).problems[0].variable).toBe('JWT_JWKS_URL');
  });

  it('refuses to run dev tokens in production, also by default', () => {
    for (const env of [{ NODE_ENV: 'production' }, { NODE_ENV: 'production', AUTH_MODE: 'dev' }]) {
      const error = refusal(env);
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0].variable).toBe('AUTH_MODE');
      expect(error.message).toContain('NODE_ENV=production');
    }
  });

  it('refuses a short dev token secret without echoing it', () => {
    const error = refusal({ DEV_TOKEN_SECRET: 'short-secret' });
    expect(error.problems[0].variable).toBe('DEV_TOKEN_SECRET');
    expect(error.message).not.toContain('short-secret');
  });

  it('reads the clock skew bound and the read-model mismatch switch, refusing bad values by name', () => {
    const config = AppConfig.fromEnv({ EVENT_STORE_MAX_CLOCK_SKEW_SECONDS: '30', READ_MODELS_ON_MISMATCH: 'rebuild' });
    expect(config.eventStore).toMatchObject({ maxClockSkewMs: 30_000 });
    expect(config.projections).toMatchObject({ onStoreMismatch: 'rebuild' });
    expect(refusal({ EVENT_STORE_MAX_CLOCK_SKEW_SECONDS: '-1' }).problems[0].variable).toBe('EVENT_STORE_MAX_CLOCK_SKEW_SECONDS');
    expect(refusal({ EVENT_STORE_MAX_CLOCK_SKEW_SECONDS: 'soon' }).problems[0].variable).toBe('EVENT_STORE_MAX_CLOCK_SKEW_SECONDS');
    expect(refusal({ READ_MODELS_ON_MISMATCH: 'ignore' }).problems[0].variable).toBe('READ_MODELS_ON_MISMATCH');
  });
});
