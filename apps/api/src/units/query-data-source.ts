import type { OnModuleDestroy, Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { openQueryDataSource } from '@reorg/projections';
import type { DataSource } from 'typeorm';

/** The read models' query connection (read-only on SQLite, see openQueryDataSource), closed with the module. */
export class QueryDataSource implements OnModuleDestroy {
  private constructor(
    readonly dataSource: DataSource,
    private readonly owned: boolean,
  ) {}

  static async open(main: DataSource): Promise<QueryDataSource> {
    const dataSource = await openQueryDataSource(main);
    return new QueryDataSource(dataSource, dataSource !== main);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.owned && this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

export const queryDataSourceProvider: Provider = { provide: QueryDataSource, inject: [getDataSourceToken()], useFactory: (main: DataSource) => QueryDataSource.open(main) };
