import { Module } from '@nestjs/common';
import { ReportQueries } from '@reorg/read-models/reports';
import { REPORT_QUERY_HANDLERS } from '@reorg/read-models';
import { QueryDataSource, queryDataSourceProvider } from '../units/query-data-source';
import { ReportsController } from './reports.controller';

/** The reduction report the Supervisory Delegation asks for, in JSON and CSV. */
@Module({
  controllers: [ReportsController],
  providers: [queryDataSourceProvider, { provide: ReportQueries, inject: [QueryDataSource], useFactory: (query: QueryDataSource) => new ReportQueries(query.dataSource) }, ...REPORT_QUERY_HANDLERS],
})
export class ReportsModule {}
