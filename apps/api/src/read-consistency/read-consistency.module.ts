import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { queryDataSourceProvider } from '../units/query-data-source';
import { ReadConsistencyInterceptor } from './read-consistency.interceptor';
import { ReadHorizon } from './read-horizon';

/** The read horizon of every query (docs/adr: consistency model); needs the global projection runner and event store. */
@Module({
  providers: [queryDataSourceProvider, ReadHorizon, { provide: APP_INTERCEPTOR, useClass: ReadConsistencyInterceptor }],
  exports: [ReadHorizon],
})
export class ReadConsistencyModule {}
