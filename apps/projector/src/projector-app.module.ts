import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@reorg/config';
import { serviceFoundation } from '@reorg/http';
import { ProjectionsModule } from '@reorg/projections';
import { messagingProjections } from '@reorg/messaging';
import { REGISTER_READ_MODELS } from '@reorg/register/read-model-catalogue';
import { ProjectorHealthController } from './projector-health.controller';

/** The projector alone (distributed mode): the global log → the api's read models, plus health. The api runs with PROJECTIONS_RUNTIME=off. */
@Module({})
export class ProjectorAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ProjectorAppModule,
      controllers: [ProjectorHealthController],
      imports: [...serviceFoundation(config), { ...ProjectionsModule.forRoot({ database: config.readModels, projections: [...REGISTER_READ_MODELS, ...messagingProjections(config.kafka.brokers)] }), global: true }],
    };
  }
}
