import { type KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A key file that is missing, unreadable or not an Ed25519 key of the expected kind. */
export class AuditKeyError extends Error {}

export interface AuditKeyPair {
  /** PKCS#8 PEM: keep it outside the database, readable only by the operator who signs checkpoints. */
  privateKeyPem: string;
  /** SPKI PEM: enough to verify checkpoints. */
  publicKeyPem: string;
  keyId: string;
}

export function generateAuditKeyPair(): AuditKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

/** SHA-256 (hex) of the public key's SPKI DER form (of a private key: its public half): names the key in checkpoints and messages. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function publicKeyOf(privateKey: KeyObject): KeyObject {
  return createPublicKey(privateKey);
}

function readPem(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new AuditKeyError(`cannot read the ${what} ${file}: ${(error as Error).message}`);
  }
}

function requireEd25519(key: KeyObject, file: string, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new AuditKeyError(`${file} holds a ${key.asymmetricKeyType ?? 'non-asymmetric'} key; the ${what} must be Ed25519`);
  return key;
}

/** The signing key (PKCS#8 PEM). */
export function readSigningKey(file: string): KeyObject {
  const pem = readPem(file, 'audit signing key');
  try {
    return requireEd25519(createPrivateKey(pem), file, 'audit signing key');
  } catch (error) {
    if (error instanceof AuditKeyError) throw error;
    throw new AuditKeyError(`${file} is not a PEM private key (PKCS#8): ${(error as Error).message}`);
  }
}

/** The verifying key (SPKI PEM); a private key file is accepted too, its public half is used. */
export function readPublicKey(file: string): KeyObject {
  const pem = readPem(file, 'audit public key');
  try {
    return requireEd25519(createPublicKey(pem), file, 'audit public key');
  } catch (error) {
    if (error instanceof AuditKeyError) throw error;
    throw new AuditKeyError(`${file} is not a PEM public key (SPKI): ${(error as Error).message}`);
  }
}
