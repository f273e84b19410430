import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { AppConfig } from '@reorg/config';
import { AbolitionService, AnnulmentService, BaselineService, DecisionService, GoverningBodyService, ProvinceMergerService, REGISTER_COMMAND_HANDLERS, ResolveRegisterReferenceHandler, readLevelValidity } from '@reorg/register';
import { GoverningBodyQueries, GOVERNING_BODY_QUERY_HANDLERS } from '@reorg/read-models';
import type { DataSource } from 'typeorm';
import { CodeListsController } from './code-lists.controller';
import { DecisionsController } from './decisions.controller';
import { GoverningBodiesController } from './governing-bodies.controller';
import { ProvincesController } from './provinces.controller';
import { RegisterClock } from './register-clock';
import { UnitsImportController } from './units-import.controller';

const overStore = <T>(service: new (store: EventStore) => T) => ({ provide: service, inject: [EVENT_STORE], useFactory: (store: EventStore) => new service(store) });

/**
 * Code lists, governing bodies, baseline import, decision back-fill and annulment. Needs the
 * global EVENT_STORE, and ProjectionsModule (global) for the read-model data source and runner.
 */
@Module({
  controllers: [CodeListsController, GoverningBodiesController, UnitsImportController, DecisionsController, ProvincesController],
  providers: [
    { provide: DecisionService, inject: [EVENT_STORE, AppConfig], useFactory: (store: EventStore, config: AppConfig) => new DecisionService(store, readLevelValidity(config.register.levelsFile)) },
    overStore(ProvinceMergerService),
    overStore(AnnulmentService),
    overStore(GoverningBodyService),
    { provide: AbolitionService, inject: [EVENT_STORE, AppConfig], useFactory: (store: EventStore, config: AppConfig) => new AbolitionService(store, readLevelValidity(config.register.levelsFile)) },
    overStore(BaselineService),
    { provide: GoverningBodyQueries, inject: [getDataSourceToken()], useFactory: (dataSource: DataSource) => new GoverningBodyQueries(dataSource) },
    ...REGISTER_COMMAND_HANDLERS,
    ...GOVERNING_BODY_QUERY_HANDLERS,
    ResolveRegisterReferenceHandler,
    RegisterClock,
  ],
  exports: [DecisionService, AnnulmentService, GoverningBodyService, GoverningBodyQueries, RegisterClock],
})
/** text/csv bodies (the baseline import) are decoded by the app's strict UTF-8 parsers (setup/utf8-bodies). */
export class RegisterModule {}
