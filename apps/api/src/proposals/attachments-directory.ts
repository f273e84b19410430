import { join } from 'node:path';
import type { AppConfig } from '@reorg/config';

/**
 * Attachment files live in the data directory: beside the SQLite event store when embedded,
 * otherwise `./data/attachments` — mount a durable volume shared by every API replica there.
 */
export function attachmentsDirectory(config: AppConfig): string {
  return join(config.dataDirectory, 'attachments');
}
