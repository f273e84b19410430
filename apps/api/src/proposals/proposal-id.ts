import { ProblemException, messageText } from '@reorg/http';
import { z } from 'zod';

const uuid = z.guid();

/** Proposal ids are UUIDs; anything else names no proposal (404, not 400: the path is the address). */
export function proposalIdOf(id: string): string {
  if (!uuid.safeParse(id).success) throw new ProblemException({ code: 'NOT_FOUND', detail: messageText('http.notFound.proposal', { proposal: id }) });
  return id;
}
