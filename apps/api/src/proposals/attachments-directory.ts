import type { AppConfig } from '@reorg/config';

/**
 * Attachment files live in DATA_DIR/attachments, whatever the event store: in a deployment with several
 * API replicas, mount one durable volume shared by all of them there.
 */
export function attachmentsDirectory(config: AppConfig): string {
  return config.files.attachmentsDir;
}
