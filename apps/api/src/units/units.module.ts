import { Module } from '@nestjs/common';
import { UnitQueries } from '@reorg/read-models/units';
import { UNIT_QUERY_HANDLERS } from '@reorg/read-models';
import { OperationsModule } from '../operations/operations.module';
import { RegisterModule } from '../register';
import { ProjectionLagMetric } from './projection-lag.metric';
import { QueryDataSource, queryDataSourceProvider } from './query-data-source';
import { StructureController } from './structure.controller';
import { UnitsController } from './units.controller';

/** Unit, structure, diff and lineage queries over the bitemporal units read model; the projection lag gauge. */
@Module({
  imports: [RegisterModule, OperationsModule],
  controllers: [UnitsController, StructureController],
  providers: [queryDataSourceProvider, { provide: UnitQueries, inject: [QueryDataSource], useFactory: (query: QueryDataSource) => new UnitQueries(query.dataSource) }, ...UNIT_QUERY_HANDLERS, ProjectionLagMetric],
})
export class UnitsModule {}
