import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';

@Global()
@Module({})
export class AppConfigModule {
  /** Provides AppConfig everywhere; without an argument it reads and validates process.env. */
  static forRoot(config: AppConfig = AppConfig.fromEnv()): DynamicModule {
    return { module: AppConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}
