import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Projection } from '@reorg/projections';
import { UnitQueries, unitsProjection } from '@reorg/register/read-models/units';
import type { DataSource } from 'typeorm';
import { OperationsModule } from '../operations/operations.module';
import { RegisterModule } from '../register';
import { ProjectionLagMetric } from './projection-lag.metric';
import { StructureController } from './structure.controller';
import { UnitsController } from './units.controller';

/** The units read model, for ProjectionsModule.forRoot. */
export const UNIT_PROJECTIONS: Projection[] = [unitsProjection];

/** Unit, structure, diff and lineage queries over the bitemporal units read model; the projection lag gauge. */
@Module({
  imports: [RegisterModule, OperationsModule],
  controllers: [UnitsController, StructureController],
  providers: [{ provide: UnitQueries, inject: [getDataSourceToken()], useFactory: (dataSource: DataSource) => new UnitQueries(dataSource) }, ProjectionLagMetric],
})
export class UnitsModule {}
