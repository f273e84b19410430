import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { IsoDate } from '@reorg/domain';
import { settleWrittenPositions } from '@reorg/projections';
import type { ExportFormat } from './export.schema';
import { type ExportFile, OrgExportService } from './export.service';

export class ExportOrg extends Query<ExportFile> {
  constructor(
    readonly asOf: IsoDate,
    readonly format: ExportFormat,
    readonly language?: 'vi' | 'en',
  ) {
    super();
  }
}

@QueryHandler(ExportOrg)
export class ExportOrgHandler implements IQueryHandler<ExportOrg> {
  constructor(@Inject(OrgExportService) private readonly exports: OrgExportService) {}

  async execute({ asOf, format, language }: ExportOrg) {
    await settleWrittenPositions();
    return this.exports.export(asOf, format, language);
  }
}
