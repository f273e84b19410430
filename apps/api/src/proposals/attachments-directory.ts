import { dirname, join } from 'node:path';
import type { AppConfig } from '@reorg/config';

/**
 * Attachment files live in the data directory: beside the SQLite event store when embedded,
 * otherwise beside the (unused) default SQLite path, i.e. `./data/attachments` — mount a durable
 * volume shared by every API replica there.
 */
export function attachmentsDirectory(config: AppConfig): string {
  const dataFile = config.eventStore.kind === 'sqlite' ? config.eventStore.sqlitePath : config.readModels.kind === 'sqlite' ? config.readModels.sqlitePath : './data/events.sqlite';
  return join(dirname(dataFile), 'attachments');
}
