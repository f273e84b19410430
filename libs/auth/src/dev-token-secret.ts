import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const MIN_LENGTH = 32;

/**
 * The dev-token secret kept in `file`: read when it exists, otherwise generated (32 random bytes) and
 * written once, readable by the owner only (0600). Created exclusively, so apps starting together on
 * one data folder end up with the same secret. A file others may read, or a short one, stops the start
 * with a message naming it.
 */
export function devTokenSecretFromFile(file: string): string {
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new Error(`the dev token secret file ${file} may be read by others (mode ${mode.toString(8)}): run chmod 600 ${file}, or set DEV_TOKEN_SECRET`);
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_LENGTH) throw new Error(`the dev token secret file ${file} holds fewer than ${MIN_LENGTH} characters: delete it to have a new one generated, or set DEV_TOKEN_SECRET`);
  return secret;
}
