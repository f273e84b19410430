export { AppConfig, type DevAuthConfig, type JwtAuthConfig, type EventStoreConfig, type ReadModelConfig } from './app-config';
export { AppConfigModule } from './app-config.module';
export { ConfigValidationError, type ConfigProblem } from './config-validation.error';
export { envSchema, type AppConfigValues } from './config.schema';
