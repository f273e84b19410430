import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@reorg/config';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { BackOfficeHealthController, eventStoreCheck, projectionRunnerCheck, readinessChecks, serviceFoundation } from '@reorg/http';
import { ProjectionRunner, ProjectionsModule, storeBindingOf } from '@reorg/projections';
import { messagingProjections } from '@reorg/messaging';
import { REGISTER_READ_MODELS } from '@reorg/read-models/catalogue';

/** The projector alone (distributed mode): the global log → the api's read models, plus health. The api runs with PROJECTIONS_RUNTIME=off. */
@Module({})
export class ProjectorAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ProjectorAppModule,
      controllers: [BackOfficeHealthController],
      // Ready when the event store answers and the runner runs; reports each read model's lag.
      providers: [readinessChecks([EVENT_STORE, ProjectionRunner], (store: EventStore, runner: ProjectionRunner) => [eventStoreCheck(store), projectionRunnerCheck('projections', runner)])],
      imports: [...serviceFoundation(config), { ...ProjectionsModule.forRoot({ database: config.readModels, projections: [...REGISTER_READ_MODELS, ...messagingProjections(config.kafka.brokers)], runner: { binding: storeBindingOf(config) } }), global: true }],
    };
  }
}
