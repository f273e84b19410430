import { Module } from '@nestjs/common';
import type { Projection } from '@reorg/projections';
import { ReportQueries, reportChangesProjection } from '@reorg/register/read-models/reports';
import { REPORT_QUERY_HANDLERS } from '@reorg/register';
import { QueryDataSource, queryDataSourceProvider } from '../units/query-data-source';
import { ReportsController } from './reports.controller';

/** The reports' own read model (unit changes by operation and decision), for ProjectionsModule.forRoot; it also reads `unit_versions`. */
export const REPORT_PROJECTIONS: Projection[] = [reportChangesProjection];

/** The reduction report the Supervisory Delegation asks for, in JSON and CSV. */
@Module({
  controllers: [ReportsController],
  providers: [queryDataSourceProvider, { provide: ReportQueries, inject: [QueryDataSource], useFactory: (query: QueryDataSource) => new ReportQueries(query.dataSource) }, ...REPORT_QUERY_HANDLERS],
})
export class ReportsModule {}
