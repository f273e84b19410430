import { Module } from '@nestjs/common';
import { OrgExportQueries } from '@reorg/read-models/org-export';
import { RegisterModule } from '../register';
import { QueryDataSource, queryDataSourceProvider } from '../units/query-data-source';
import { ExportController } from './export.controller';
import { ExportOrgHandler } from './export.queries';
import { OrgExportService } from './export.service';

/** GET /api/v1/export/org: the register in JSON-LD (W3C ORG + PROV), Popolo and CSV, over the units and governing-bodies read models. */
@Module({
  imports: [RegisterModule],
  controllers: [ExportController],
  providers: [queryDataSourceProvider, { provide: OrgExportQueries, inject: [QueryDataSource], useFactory: (query: QueryDataSource) => new OrgExportQueries(query.dataSource) }, OrgExportService, ExportOrgHandler],
})
export class ExportModule {}
