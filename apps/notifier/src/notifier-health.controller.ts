import { Controller, Get, Inject } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { ProblemException } from '@reorg/http';
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

  /** Ready when the read-model database answers and the consumer is in its group. */
  @Get('ready')
  async ready(): Promise<{ status: 'ok'; checks: Record<string, unknown> }> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch (error) {
      throw new ProblemException({
        code: 'SERVICE_UNAVAILABLE',
        detail: { vi: 'Cơ sở dữ liệu đọc không phản hồi.', en: 'The read-model database is not answering.' },
        errors: [{ path: 'readModels', code: 'READ_MODELS_UNAVAILABLE', detail: error instanceof Error ? error.message : String(error) }],
      });
    }
    if (!this.consumer.connected) {
      throw new ProblemException({ code: 'SERVICE_UNAVAILABLE', detail: { vi: 'Bộ nhận thông báo chưa kết nối Kafka.', en: 'The notifier consumer is not connected to Kafka.' } });
    }
    return {
      status: 'ok',
      checks: {
        readModels: { status: 'up' },
        consumer: { status: 'up', applied: this.consumer.applied, skipped: this.consumer.skipped },
      },
    };
  }
}
