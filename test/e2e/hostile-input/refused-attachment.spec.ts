import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppConfig } from '@reorg/config';
import { attachmentsDirectory } from '../../../apps/api/src/proposals/attachments-directory';
import { STORE_KINDS } from '../support/store-backends';
import { type HostileBed, startHostileBed } from './hostile-bed';

/** Every file under the folder, recursively (absent folder: none). */
async function filesUnder(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function multipart(filename: Buffer, content: Buffer): { contentType: string; body: Buffer } {
  const boundary = 'refusedAttachmentBoundary';
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`),
      filename,
      Buffer.from('"\r\nContent-Type: application/pdf\r\n\r\n'),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

describe.each(STORE_KINDS)('a refused attachment on %s leaves no bytes behind (issue 12, defect 5)', (_label, kind) => {
  let bed: HostileBed;
  let directory: string;
  let draft: string;

  beforeAll(async () => {
    bed = await startHostileBed(kind);
    directory = attachmentsDirectory(bed.app.running.app.get(AppConfig));
    // A draft of our own: the bed's draft went through every write route while it was probed.
    const created = await fetch(`${bed.app.url}/api/v1/proposals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bed.tokens.proposer}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Đổi tên',
        rationale: 'Thử tệp đính kèm',
        governingBodyId: bed.fixtures.bodies.health,
        proposedEffectiveDate: '2024-07-01',
        operations: [{ type: 'RENAME', unitId: bed.fixtures.units.h1, newName: 'Bệnh viện Tỉnh' }],
      }),
    });
    expect(created.status).toBe(201);
    draft = ((await created.json()) as { id: string }).id;
  });

  afterAll(async () => {
    await bed?.close();
  });

  it.each([
    ['a NUL', Buffer.from('t\u0000.pdf')],
    ['an escape character', Buffer.from('t\u001b[2J.pdf')],
  ])('refuses a file name holding %s with 400 naming it, storing neither an event nor the bytes', async (_what, filename) => {
    const headBefore = await bed.app.store.latestPosition();
    const filesBefore = await filesUnder(directory);
    const content = randomBytes(2048);
    const { contentType, body } = multipart(filename, content);
    const response = await bed.http.send({
      method: 'POST',
      path: `/api/v1/proposals/${draft}/attachments`,
      headers: { authorization: `Bearer ${bed.tokens.proposer}`, 'content-type': contentType },
      body,
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: 'file.filename', code: 'CONTROL_CHARACTER' })] });
    expect(await bed.app.store.latestPosition()).toBe(headBefore);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const filesAfter = await filesUnder(directory);
    expect(filesAfter.filter((file) => file.includes(sha256))).toEqual([]);
    expect(filesAfter.filter((file) => !filesBefore.includes(file) && file.startsWith(directory))).toEqual([]);
  });

  it('still stores an attachment with a good name', async () => {
    const content = randomBytes(64);
    const { contentType, body } = multipart(Buffer.from('Tờ trình.pdf'), content);
    const response = await bed.http.send({
      method: 'POST',
      path: `/api/v1/proposals/${draft}/attachments`,
      headers: { authorization: `Bearer ${bed.tokens.proposer}`, 'content-type': contentType },
      body,
    });
    expect(response.status).toBe(201);
    const sha256 = createHash('sha256').update(content).digest('hex');
    expect((await filesUnder(directory)).filter((file) => file.endsWith(sha256))).toHaveLength(1);
  });
});
