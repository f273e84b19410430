import type { EntityManager } from 'typeorm';
import { InboxRow } from './notification.entities';

/**
 * Records the message as received by the consumer, inside the caller's transaction. False when it
 * was received before: the caller then skips the effect. A concurrent first delivery of the same
 * event (e.g. during a rebalance) fails on the primary key and rolls the second one back.
 */
export async function firstDelivery(tx: EntityManager, consumer: string, eventId: string, receivedAt: string): Promise<boolean> {
  if (await tx.existsBy(InboxRow, { consumer, eventId })) return false;
  await tx.insert(InboxRow, { consumer, eventId, receivedAt });
  return true;
}
