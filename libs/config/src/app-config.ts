import { envSchema, type AppConfigValues } from './config.schema';
import { ConfigValidationError } from './config-validation.error';

type AuthConfig = AppConfigValues['auth'];
export type DevAuthConfig = Extract<AuthConfig, { mode: 'dev' }>;
export type JwtAuthConfig = Extract<AuthConfig, { mode: 'jwt' }>;
export type EventStoreConfig = AppConfigValues['eventStore'];
export type ReadModelConfig = AppConfigValues['readModels'];
export type ClockConfig = AppConfigValues['clock'];
export type RateLimitConfig = AppConfigValues['rateLimit'];

/** The validated configuration; inject it by this class. */
export class AppConfig implements AppConfigValues {
  readonly nodeEnv: AppConfigValues['nodeEnv'];
  readonly logLevel: AppConfigValues['logLevel'];
  readonly timezone: string;
  readonly http: AppConfigValues['http'];
  readonly eventStore: EventStoreConfig;
  readonly readModels: ReadModelConfig;
  /** DATA_DIR and the embedded files that live only there (attachments, idempotency keys). */
  readonly files: AppConfigValues['files'];
  /** Where the built web console is (CONSOLE_DIR), when not the project's dist/console. */
  readonly console: AppConfigValues['console'];
  readonly kafka: AppConfigValues['kafka'];
  /** Where the read models are projected: here (embedded) or in apps/projector (off). */
  readonly projections: AppConfigValues['projections'];
  readonly auth: AuthConfig;
  readonly clock: AppConfigValues['clock'];
  readonly approval: AppConfigValues['approval'];
  readonly rateLimit: AppConfigValues['rateLimit'];
  /** The approval policy file and the working calendar's public holidays. */
  readonly approvalPolicy: AppConfigValues['approvalPolicy'];
  /** Key files for signed audit checkpoints (CLI only). */
  readonly audit: AppConfigValues['audit'];
  /** Register data files: when each administrative level exists. */
  readonly register: AppConfigValues['register'];

  constructor(values: AppConfigValues) {
    this.nodeEnv = values.nodeEnv;
    this.logLevel = values.logLevel;
    this.timezone = values.timezone;
    this.http = values.http;
    this.eventStore = values.eventStore;
    this.readModels = values.readModels;
    this.files = values.files;
    this.console = values.console;
    this.kafka = values.kafka;
    this.projections = values.projections;
    this.auth = values.auth;
    this.clock = values.clock;
    this.approval = values.approval;
    this.rateLimit = values.rateLimit;
    this.approvalPolicy = values.approvalPolicy;
    this.audit = values.audit;
    this.register = values.register;
    Object.freeze(this);
  }

  /** Throws ConfigValidationError listing every bad variable. */
  static fromEnv(env: Record<string, string | undefined> = process.env): AppConfig {
    const parsed = envSchema.safeParse(env);
    if (!parsed.success) throw ConfigValidationError.fromZod(parsed.error);
    return new AppConfig(parsed.data);
  }
}
