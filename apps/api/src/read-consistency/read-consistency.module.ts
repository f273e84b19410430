import { Module } from '@nestjs/common';
import { queryDataSourceProvider } from '../units/query-data-source';
import { ReadConsistencyInterceptor } from './read-consistency.interceptor';
import { ReadHorizon } from './read-horizon';

/** The read horizon of every query (docs/adr: consistency model; a stage of the edge, CommandEdgeModule); needs the global projection runner and event store. */
@Module({
  providers: [queryDataSourceProvider, ReadHorizon, ReadConsistencyInterceptor],
  exports: [ReadHorizon, ReadConsistencyInterceptor],
})
export class ReadConsistencyModule {}
