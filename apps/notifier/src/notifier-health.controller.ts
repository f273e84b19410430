import { Controller, Get, Inject } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { readinessReport } from '@reorg/http';
import { NotifierConsumer } from '@reorg/messaging';
import type { DataSource } from 'typeorm';

/** Liveness and readiness of the notifier (no token: this app serves nothing else). */
@Controller('health')
export class NotifierHealthController {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    @Inject(NotifierConsumer) private readonly consumer: NotifierConsumer,
  ) {}

  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when the read-model database answers and the consumer is in its group; until then names what it waits for. */
  @Get('ready')
  ready(): Promise<{ status: 'ok'; checks: Record<string, unknown> }> {
    return readinessReport([
      {
        name: 'readModels',
        failureCode: 'READ_MODELS_UNAVAILABLE',
        run: async () => {
          await this.dataSource.query('SELECT 1');
          return {};
        },
      },
      {
        name: 'consumer',
        failureCode: 'CONSUMER_NOT_CONNECTED',
        run: async () => {
          if (!this.consumer.connected) throw new Error(`the notifier consumer is waiting for ${this.consumer.waitingFor}`);
          return { applied: this.consumer.applied, skipped: this.consumer.skipped };
        },
      },
    ]);
  }
}
