export { AppConfig, type DevAuthConfig, type JwtAuthConfig, type EventStoreConfig, type ReadModelConfig, type ClockConfig, type RateLimitConfig } from './app-config';
export { AppConfigModule } from './app-config.module';
export { ConfigValidationError, type ConfigProblem } from './config-validation.error';
export { envSchema, type AppConfigValues } from './config.schema';
export * from './run-service';
