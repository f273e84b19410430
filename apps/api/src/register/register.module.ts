import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { FastifyInstance } from 'fastify';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { AbolitionService, AnnulmentService, BaselineService, DecisionService, GoverningBodyService, REGISTER_COMMAND_HANDLERS } from '@reorg/register';
import { GoverningBodyQueries, GOVERNING_BODY_QUERY_HANDLERS } from '@reorg/read-models';
import type { DataSource } from 'typeorm';
import { CodeListsController } from './code-lists.controller';
import { DecisionsController } from './decisions.controller';
import { GoverningBodiesController } from './governing-bodies.controller';
import { RegisterClock } from './register-clock';
import { UnitsImportController } from './units-import.controller';

const overStore = <T>(service: new (store: EventStore) => T) => ({ provide: service, inject: [EVENT_STORE], useFactory: (store: EventStore) => new service(store) });

/**
 * Code lists, governing bodies, baseline import, decision back-fill and annulment. Needs the
 * global EVENT_STORE, and ProjectionsModule (global) for the read-model data source and runner.
 */
@Module({
  controllers: [CodeListsController, GoverningBodiesController, UnitsImportController, DecisionsController],
  providers: [
    overStore(DecisionService),
    overStore(AnnulmentService),
    overStore(GoverningBodyService),
    overStore(AbolitionService),
    overStore(BaselineService),
    { provide: GoverningBodyQueries, inject: [getDataSourceToken()], useFactory: (dataSource: DataSource) => new GoverningBodyQueries(dataSource) },
    ...REGISTER_COMMAND_HANDLERS,
    ...GOVERNING_BODY_QUERY_HANDLERS,
    RegisterClock,
  ],
  exports: [DecisionService, AnnulmentService, GoverningBodyService, GoverningBodyQueries, RegisterClock],
})
export class RegisterModule implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  /** The baseline import accepts text/csv; the body arrives as a string (UTF-8) for the controller to parse. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    if (fastify.hasContentTypeParser('text/csv')) return;
    fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  }
}
