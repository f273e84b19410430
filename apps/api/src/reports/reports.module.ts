import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Projection } from '@reorg/projections';
import { ReportQueries, reportChangesProjection } from '@reorg/register/read-models/reports';
import type { DataSource } from 'typeorm';
import { ReportsController } from './reports.controller';

/** The reports' own read model (unit changes by operation and decision), for ProjectionsModule.forRoot; it also reads `unit_versions`. */
export const REPORT_PROJECTIONS: Projection[] = [reportChangesProjection];

/** The reduction report the Supervisory Delegation asks for, in JSON and CSV. */
@Module({
  controllers: [ReportsController],
  providers: [{ provide: ReportQueries, inject: [getDataSourceToken()], useFactory: (dataSource: DataSource) => new ReportQueries(dataSource) }],
})
export class ReportsModule {}
