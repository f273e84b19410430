import { join } from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$/;
const KAFKA_NAME = /^[A-Za-z0-9._-]{1,249}$/;


function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A real calendar date `YYYY-MM-DD` (checked with UTC arithmetic: no time zone involved). */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The raw environment, variable by variable. Cross-variable rules are in `envSchema` below. */
const variables = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  EVENT_STORE: z.enum(['sqlite', 'postgres']).default('sqlite'),
  /** The folder of every embedded file: event store, read models, idempotency keys, attachments. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** The built web console (vite build output) the api serves at `/`; default dist/console of the project. */
  CONSOLE_DIR: z.string().min(1).optional(),
  /** Override one file of DATA_DIR (default DATA_DIR/events.sqlite). */
  SQLITE_PATH: z.string().min(1).optional(),
  /** Override one file of DATA_DIR (default DATA_DIR/read-models.sqlite). */
  READ_MODEL_SQLITE_PATH: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
    .default('public'),
  /** How far the log's last recordedAt may lead this process's clock before appends refuse (503 RECORDED_AT_AHEAD_OF_CLOCK). */
  EVENT_STORE_SQLITE_WRITER: z.enum(['worker', 'inline']).default('worker'),
  EVENT_STORE_MAX_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  /** Read models or idempotency keys bound to another store (or ahead of / diverging from this one): refuse to start, or rebuild them. */
  READ_MODELS_ON_MISMATCH: z.enum(['refuse', 'rebuild']).default('refuse'),
  KAFKA_BROKERS: z
    .string()
    .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean))
    .refine((brokers) => brokers.every((broker) => HOST_PORT.test(broker)), 'must be a comma-separated list of host:port')
    .optional(),
  /** The internal proposals topic is a contract: override its name only to isolate an environment (e.g. a shared test broker). */
  KAFKA_PROPOSALS_TOPIC: z.string().regex(KAFKA_NAME, 'must be a Kafka topic name ([A-Za-z0-9._-])').default('reorg.proposals.internal.v1'),
  NOTIFIER_GROUP_ID: z.string().regex(KAFKA_NAME, 'must be a Kafka group id ([A-Za-z0-9._-])').default('reorg-notifier'),
  KAFKA_TOPIC_PARTITIONS: positiveInt(6),
  KAFKA_TOPIC_REPLICATION_FACTOR: positiveInt(1),
  /** Broker-side settings for the topics the relay creates, e.g. `min.insync.replicas=2,retention.ms=-1`. */
  KAFKA_TOPIC_CONFIG: z
    .string()
    .transform((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean))
    .refine((entries) => entries.every((entry) => /^[a-z][a-z0-9.]*=[^=]+$/.test(entry)), 'must be a comma-separated list of name=value Kafka topic settings')
    .transform((entries) => Object.fromEntries(entries.map((entry) => entry.split('=') as [string, string])))
    .optional(),
  /** `off` in distributed mode: the relay runs as its own process (apps/relay). Only matters with KAFKA_BROKERS. */
  RELAY_RUNTIME: z.enum(['embedded', 'off']).default('embedded'),
  /** `off` in distributed mode: apps/notifier consumes the internal topic. Only matters with KAFKA_BROKERS. */
  NOTIFIER_RUNTIME: z.enum(['embedded', 'off']).default('embedded'),
  /** `off` in distributed mode: apps/projector runs the read models; the api only follows their checkpoints. */
  PROJECTIONS_RUNTIME: z.enum(['embedded', 'off']).default('embedded'),
  AUTH_MODE: z.enum(['dev', 'jwt']).default('dev'),
  DEV_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DEV_TOKEN_TTL_SECONDS: positiveInt(3600),
  JWT_JWKS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  /** The web console's public client at the OIDC provider (authorization code + PKCE); the authority is JWT_ISSUER. */
  CONSOLE_OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** The scopes the console asks for (space-separated; must include `openid`). */
  CONSOLE_OIDC_SCOPE: z
    .string()
    .refine((scope) => scope.split(/\s+/).includes('openid'), 'must be space-separated scopes including openid, e.g. "openid profile"')
    .default('openid profile'),
  TIMEZONE: z.string().refine(isTimeZone, 'must be an IANA time zone, e.g. Asia/Ho_Chi_Minh').default('Asia/Ho_Chi_Minh'),
  CLOCK_FIXED_AT: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 instant, e.g. 2025-07-01T08:00:00Z' }).optional(),
  CLOCK_OFFSET_SECONDS: z.coerce.number().int().optional(),
  APPROVAL_RUNTIME: z.enum(['embedded', 'off']).default('embedded'),
  APPROVAL_PORT: port(3001),
  APPROVAL_TICK_SECONDS: positiveInt(5),
  RATE_LIMIT_ENABLED: z.stringbool({ error: 'must be true or false' }).default(true),
  RATE_LIMIT_WRITES_PER_MINUTE: positiveInt(120),
  RATE_LIMIT_TOKENS_PER_MINUTE: positiveInt(30),
  RATE_LIMIT_TOKENS_PER_CLIENT_PER_MINUTE: positiveInt(30),
  APPROVAL_POLICY_FILE: z.string().min(1).default('deploy/approval-policy/default.v2.json'),
  /** `none` turns the holiday file off (HOLIDAYS alone then lists the days off). */
  HOLIDAYS_FILE: z.string().min(1).default('deploy/approval-policy/holidays.vn.json'),
  /** When each administrative level exists (the district level ends 2025-07-01). */
  LEVELS_FILE: z.string().min(1).default('deploy/register/levels.vn.json'),
  /** This register's own province (one of the 34 of 2025, e.g. THAI_NGUYEN): its units, which carry no territory, are that province's in `/structure?province=`. */
  REGISTER_PROVINCE: z.string().min(1).max(50).optional(),
  HOLIDAYS: z
    .string()
    .transform((value) => value.split(',').map((date) => date.trim()).filter(Boolean))
    .refine((dates) => dates.every(isCalendarDate), 'must be a comma-separated list of dates YYYY-MM-DD')
    .optional(),
  /** Ed25519 private key (PKCS#8 PEM) that signs audit checkpoints; a file or mounted secret, never in the database. */
  AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** Ed25519 public key (SPKI PEM) that verifies checkpoints; derived from the signing key when unset. */
  AUDIT_PUBLIC_KEY_FILE: z.string().min(1).optional(),
});

type Variables = z.output<typeof variables>;

function requireWhen(ctx: z.RefinementCtx, env: Variables, names: (keyof Variables)[], condition: string): void {
  for (const name of names) {
    if (env[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: `required when ${condition}` });
  }
}

/** Empty variables count as unset, as `FOO=` in a compose file usually means "not configured". */
const withoutEmpty = (env: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));

export const envSchema = z.preprocess(
  (env) => withoutEmpty(env as Record<string, string | undefined>),
  variables
    .superRefine((env, ctx) => {
      if (env.EVENT_STORE === 'postgres') requireWhen(ctx, env, ['DATABASE_URL'], 'EVENT_STORE=postgres');
      if (env.AUTH_MODE === 'jwt') requireWhen(ctx, env, ['JWT_JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE', 'CONSOLE_OIDC_CLIENT_ID'], 'AUTH_MODE=jwt');
      if (env.AUTH_MODE === 'dev' && env.NODE_ENV === 'production') {
        ctx.addIssue({
          code: 'custom',
          path: ['AUTH_MODE'],
          message: 'dev tokens are refused when NODE_ENV=production; set AUTH_MODE=jwt with JWT_JWKS_URL, JWT_ISSUER, JWT_AUDIENCE and CONSOLE_OIDC_CLIENT_ID',
        });
      }
      if (env.NODE_ENV === 'production') {
        for (const name of ['CLOCK_FIXED_AT', 'CLOCK_OFFSET_SECONDS'] as const) {
          if (env[name] !== undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'a shifted clock is for tests only and refused when NODE_ENV=production' });
        }
      }
    }, { when: () => true }) // also when single variables failed, so that one run lists every problem
    .transform((env) => ({
      nodeEnv: env.NODE_ENV,
      logLevel: env.LOG_LEVEL,
      timezone: env.TIMEZONE,
      http: { host: env.HOST, port: env.PORT },
      eventStore:
        env.EVENT_STORE === 'postgres'
          ? { kind: 'postgres' as const, databaseUrl: env.DATABASE_URL as string, schema: env.DATABASE_SCHEMA, maxClockSkewMs: env.EVENT_STORE_MAX_CLOCK_SKEW_SECONDS * 1000 }
          : { kind: 'sqlite' as const, sqlitePath: env.SQLITE_PATH ?? join(env.DATA_DIR, 'events.sqlite'), sqliteWriter: env.EVENT_STORE_SQLITE_WRITER, maxClockSkewMs: env.EVENT_STORE_MAX_CLOCK_SKEW_SECONDS * 1000 },
      readModels:
        env.EVENT_STORE === 'postgres'
          ? { kind: 'postgres' as const, databaseUrl: env.DATABASE_URL as string, schema: env.DATABASE_SCHEMA }
          : { kind: 'sqlite' as const, sqlitePath: env.READ_MODEL_SQLITE_PATH ?? join(env.DATA_DIR, 'read-models.sqlite') },
      console: { ...(env.CONSOLE_DIR ? { dir: env.CONSOLE_DIR } : {}) },
      files: { dataDir: env.DATA_DIR, attachmentsDir: join(env.DATA_DIR, 'attachments'), idempotencySqlitePath: join(env.DATA_DIR, 'idempotency-keys.sqlite') },
      kafka: {
        brokers: env.KAFKA_BROKERS ?? [],
        topics: { partitions: env.KAFKA_TOPIC_PARTITIONS, replicationFactor: env.KAFKA_TOPIC_REPLICATION_FACTOR, config: env.KAFKA_TOPIC_CONFIG ?? {} },
        relayRuntime: env.RELAY_RUNTIME,
        notifierRuntime: env.NOTIFIER_RUNTIME,
        proposalsTopic: env.KAFKA_PROPOSALS_TOPIC,
        notifierGroupId: env.NOTIFIER_GROUP_ID,
      },
      projections: { runtime: env.PROJECTIONS_RUNTIME, onStoreMismatch: env.READ_MODELS_ON_MISMATCH },
      clock: { ...(env.CLOCK_FIXED_AT ? { fixedAt: new Date(env.CLOCK_FIXED_AT).toISOString() } : {}), offsetSeconds: env.CLOCK_OFFSET_SECONDS ?? 0 },
      approval: { runtime: env.APPROVAL_RUNTIME, port: env.APPROVAL_PORT, tickSeconds: env.APPROVAL_TICK_SECONDS },
      approvalPolicy: {
        policyFile: env.APPROVAL_POLICY_FILE,
        ...(env.HOLIDAYS_FILE === 'none' ? {} : { holidaysFile: env.HOLIDAYS_FILE }),
        holidays: env.HOLIDAYS ?? [],
      },
      register: { levelsFile: env.LEVELS_FILE, ...(env.REGISTER_PROVINCE ? { province: env.REGISTER_PROVINCE } : {}) },
      audit: {
        ...(env.AUDIT_SIGNING_KEY_FILE ? { signingKeyFile: env.AUDIT_SIGNING_KEY_FILE } : {}),
        ...(env.AUDIT_PUBLIC_KEY_FILE ? { publicKeyFile: env.AUDIT_PUBLIC_KEY_FILE } : {}),
      },
      rateLimit: { enabled: env.RATE_LIMIT_ENABLED, writesPerMinute: env.RATE_LIMIT_WRITES_PER_MINUTE, tokensPerMinute: env.RATE_LIMIT_TOKENS_PER_MINUTE, tokensPerClientPerMinute: env.RATE_LIMIT_TOKENS_PER_CLIENT_PER_MINUTE },
      auth:
        env.AUTH_MODE === 'jwt'
          ? {
              mode: 'jwt' as const,
              jwksUrl: env.JWT_JWKS_URL as string,
              issuer: env.JWT_ISSUER as string,
              audience: env.JWT_AUDIENCE as string,
              // What the web console needs to sign in (GET /api/v1/auth/console-config).
              console: { clientId: env.CONSOLE_OIDC_CLIENT_ID as string, scope: env.CONSOLE_OIDC_SCOPE },
            }
          : {
              mode: 'dev' as const,
              ...(env.DEV_TOKEN_SECRET ? { devTokenSecret: env.DEV_TOKEN_SECRET } : {}),
              // Without DEV_TOKEN_SECRET, a secret generated once and kept here (mode 0600), so dev tokens survive a restart.
              devTokenSecretFile: join(env.DATA_DIR, 'dev-token-secret'),
              devTokenTtlSeconds: env.DEV_TOKEN_TTL_SECONDS,
            },
    })),
);

export type AppConfigValues = z.output<typeof envSchema>;
