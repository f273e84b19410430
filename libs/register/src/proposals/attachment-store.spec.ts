import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttachmentCorruptedError, FileAttachmentStore, sha256OfBytes } from './attachment-store';

describe('FileAttachmentStore (real files in a temp folder)', () => {
  let dir: string;
  let store: FileAttachmentStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reorg-attachments-'));
    store = new FileAttachmentStore(dir);
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores bytes under their SHA-256 and reads them back, leaving no temporary file', async () => {
    const bytes = Buffer.from('Tờ trình số 12/TTr-SYT');
    const sha256 = sha256OfBytes(bytes);
    await store.put(bytes);
    await store.put(bytes);
    expect(await store.get(sha256)).toEqual(bytes);
    expect(await readdir(join(dir, sha256.slice(0, 2)))).toEqual([sha256]);
  });

  it('answers undefined for bytes never stored', async () => {
    expect(await store.get('0'.repeat(64))).toBeUndefined();
  });

  it('refuses to serve bytes altered on disk', async () => {
    const bytes = Buffer.from('original');
    const sha256 = sha256OfBytes(bytes);
    await store.put(bytes);
    await writeFile(join(dir, sha256.slice(0, 2), sha256), 'tampered');
    await expect(store.get(sha256)).rejects.toBeInstanceOf(AttachmentCorruptedError);
  });

  it('refuses a name that is not a SHA-256 (no path tricks)', async () => {
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/not a SHA-256/);
  });
});
