import { VersionConflictError } from '@reorg/event-store';

const ATTEMPTS = 5;

/** Optimistic concurrency: a lost race re-reads and re-decides, a few times, then reports the conflict. */
export async function retryOnConflict<T>(attempt: () => Promise<T>, attempts = ATTEMPTS): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof VersionConflictError) || tries >= attempts) throw error;
    }
  }
}
