import canonicalize from 'canonicalize';
import type { AttachmentFile, DossierContent } from './proposal';

/** SHA-256 of a UTF-8 text as lower-case hex; supplied by the caller, as hashing is I/O-free but not ours to implement. */
export type Sha256Hex = (text: string) => string;

export interface HashedDossier {
  proposalId: string;
  dossierVersion: number;
  content: DossierContent;
  attachments: readonly (AttachmentFile & { dossierVersion: number })[];
}

/**
 * The dossier as hashed: RFC 8785 (JCS) JSON of the proposal id, version, content and every
 * attachment's metadata with its SHA-256, so that the hash pins the bytes of the files too.
 * Who added an attachment and when is history, not dossier, and stays out.
 */
export function canonicalDossier(dossier: HashedDossier): string {
  const text = canonicalize({
    proposalId: dossier.proposalId,
    dossierVersion: dossier.dossierVersion,
    content: dossier.content,
    attachments: dossier.attachments.map(({ attachmentId, name, mediaType, size, sha256, dossierVersion }) => ({ attachmentId, name, mediaType, size, sha256, dossierVersion })),
  });
  if (text === undefined) throw new Error('a dossier always has a canonical form');
  return text;
}

export function dossierHash(dossier: HashedDossier, sha256Hex: Sha256Hex): string {
  return sha256Hex(canonicalDossier(dossier));
}
