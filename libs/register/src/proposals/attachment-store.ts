import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const sha256OfBytes = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const SHA256 = /^[0-9a-f]{64}$/;

/** The stored bytes no longer hash to their name: the file was altered or damaged on disk. */
export class AttachmentCorruptedError extends Error {
  constructor(readonly sha256: string) {
    super(`attachment ${sha256} is corrupted: its bytes no longer match their SHA-256`);
    this.name = 'AttachmentCorruptedError';
  }
}

/**
 * Attachment bytes as files named by their SHA-256 (`<dir>/ab/abcdef…`): written once, durably
 * (file and directory fsync'd, then an atomic rename), never changed; identical files are stored once.
 * The event log records which proposal holds which hash.
 */
export class FileAttachmentStore {
  constructor(readonly directory: string) {}

  private pathOf(sha256: string): { dir: string; file: string } {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    const dir = join(this.directory, sha256.slice(0, 2));
    return { dir, file: join(dir, sha256) };
  }

  async put(bytes: Uint8Array, sha256 = sha256OfBytes(bytes)): Promise<void> {
    const { dir, file } = this.pathOf(sha256);
    await mkdir(dir, { recursive: true });
    const temporary = join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temporary, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, file);
      await syncDirectory(dir);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /** The bytes, verified against their hash; undefined when no such file is stored. */
  async get(sha256: string): Promise<Buffer | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.pathOf(sha256).file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    if (sha256OfBytes(bytes) !== sha256) throw new AttachmentCorruptedError(sha256);
    return bytes;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
