import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@reorg/config';
import type { IsoDate } from '@reorg/domain';
import { OrgExportQueries, orgCsv, orgJsonLd, orgPopolo } from '@reorg/read-models/org-export';
import type { ExportFormat } from './export.schema';

export interface ExportFile {
  contentType: string;
  body: string;
  /** Set when the answer is a download. */
  filename?: string;
}

/** The register as of a date in one of the export formats (ADR 0010). */
@Injectable()
export class OrgExportService {
  constructor(
    @Inject(OrgExportQueries) private readonly queries: OrgExportQueries,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async export(asOf: IsoDate, format: ExportFormat, language?: 'vi' | 'en'): Promise<ExportFile> {
    const data = await this.queries.read(asOf);
    switch (format) {
      case 'jsonld':
        return { contentType: 'application/ld+json; charset=utf-8', body: JSON.stringify(orgJsonLd(data, { timeZone: this.config.timezone })) };
      case 'popolo':
        return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(orgPopolo(data)) };
      case 'csv':
        return { contentType: 'text/csv; charset=utf-8', body: orgCsv(data, language), filename: `org-${asOf}.csv` };
    }
  }
}
