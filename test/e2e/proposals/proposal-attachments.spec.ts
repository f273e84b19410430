import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { MAX_ATTACHMENT_BYTES } from '../../../apps/api/src/proposals/attachment-upload';
import { expectProblem } from '../support/problem';
import { bearer } from '../support/tokens';
import { type Bed, absorbH2IntoH1, startProposalsBed } from './proposals-test-bed';

interface Attachment {
  attachmentId: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function form(...files: { bytes: Uint8Array; name: string; type: string }[]): FormData {
  const data = new FormData();
  data.append('note', 'ignored field');
  for (const file of files) data.append('file', new Blob([file.bytes], { type: file.type }), file.name);
  return data;
}

describe('proposal attachments over HTTP (multipart, embedded SQLite)', () => {
  let bed: Bed;
  let proposer: string;
  let auditor: string;
  let otherProposer: string;

  beforeAll(async () => {
    bed = await startProposalsBed();
    proposer = await bed.token('nguyen.van.a', ['proposer'], [bed.bodies.health]);
    otherProposer = await bed.token('tran.thi.b', ['proposer'], [bed.bodies.education]);
    auditor = await bed.token('kiem.toan', ['auditor']);
  });

  afterAll(async () => {
    await bed.close();
  });

  async function draft(): Promise<{ id: string; dossierHash: string }> {
    const response = await bed.call(proposer, 'POST', '/api/v1/proposals', absorbH2IntoH1(bed));
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; dossierHash: string };
  }

  const upload = (proposalId: string, body: FormData | string, token = proposer, headers: Record<string, string> = {}) =>
    fetch(`${bed.url}/api/v1/proposals/${proposalId}/attachments`, { method: 'POST', headers: { ...bearer(token), ...headers }, body });

  async function refused(request: () => Promise<Response>, status: number, code: string): Promise<void> {
    const before = await bed.head();
    await expectProblem(await request(), status, code);
    expect(await bed.head()).toBe(before);
  }

  it('stores an uploaded file with its SHA-256 and serves the same bytes back with its media type', async () => {
    const proposal = await draft();
    const bytes = randomBytes(200_000);
    const response = await upload(proposal.id, form({ bytes, name: 'Tờ trình số 12.pdf', type: 'application/pdf' }));
    expect(response.status).toBe(201);
    const attachment = (await response.json()) as Attachment;
    expect(attachment).toEqual({ attachmentId: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Tờ trình số 12.pdf', mediaType: 'application/pdf', size: bytes.length, sha256: sha256(bytes) });

    const download = await fetch(`${bed.url}/api/v1/proposals/${proposal.id}/attachments/${attachment.attachmentId}`, { headers: bearer(auditor) });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Tờ trình số 12.pdf')}`);
    const downloaded = new Uint8Array(await download.arrayBuffer());
    expect(sha256(downloaded)).toBe(sha256(bytes));
    expect(Buffer.compare(Buffer.from(downloaded), bytes)).toBe(0);
  });

  it('adds the file to the current dossier version: the dossier hash changes, the version does not', async () => {
    const proposal = await draft();
    const response = await upload(proposal.id, form({ bytes: Buffer.from('biên bản họp'), name: 'bien-ban.txt', type: 'text/plain' }));
    const attachment = (await response.json()) as Attachment;
    const after = (await (await bed.call(proposer, 'GET', `/api/v1/proposals/${proposal.id}`)).json()) as { dossierVersion: number; dossierHash: string; attachments: unknown[] };
    expect(after.dossierVersion).toBe(1);
    expect(after.dossierHash).not.toBe(proposal.dossierHash);
    expect(after.attachments).toEqual([{ ...attachment, dossierVersion: 1, addedBy: 'nguyen.van.a', addedAt: expect.any(String) }]);
  });

  it('refuses no file or two files (400) and a body that is not multipart (415); appends nothing', async () => {
    const proposal = await draft();
    await refused(() => upload(proposal.id, form()), 400, 'VALIDATION_FAILED');
    const two = form({ bytes: Buffer.from('a'), name: 'a.txt', type: 'text/plain' }, { bytes: Buffer.from('b'), name: 'b.txt', type: 'text/plain' });
    await refused(() => upload(proposal.id, two), 400, 'VALIDATION_FAILED');
    await refused(() => upload(proposal.id, JSON.stringify({ file: 'x' }), proposer, { 'content-type': 'application/json' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it(`refuses a file over ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB with 413; appends nothing`, async () => {
    const proposal = await draft();
    await refused(() => upload(proposal.id, form({ bytes: Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 7), name: 'big.bin', type: 'application/octet-stream' })), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses attachments to a withdrawn proposal (409), to another body’s proposal (404) and from non-proposers (403)', async () => {
    const proposal = await draft();
    const file = () => form({ bytes: Buffer.from('x'), name: 'x.txt', type: 'text/plain' });
    await refused(() => upload(proposal.id, file(), otherProposer), 404, 'NOT_FOUND');
    await refused(() => upload(proposal.id, file(), auditor), 403, 'FORBIDDEN');
    await refused(() => upload(randomUUID(), file()), 404, 'NOT_FOUND');
    expect((await bed.call(proposer, 'POST', `/api/v1/proposals/${proposal.id}/withdraw`, { reason: 'Rút hồ sơ' })).status).toBe(200);
    await refused(() => upload(proposal.id, file()), 409, 'INVALID_STATE');
  });

  it('hides the bytes from another body’s proposer and answers 404 for an unknown attachment', async () => {
    const proposal = await draft();
    const attachment = (await (await upload(proposal.id, form({ bytes: Buffer.from('mật'), name: 'm.txt', type: 'text/plain' }))).json()) as Attachment;
    await expectProblem(await fetch(`${bed.url}/api/v1/proposals/${proposal.id}/attachments/${attachment.attachmentId}`, { headers: bearer(otherProposer) }), 404, 'NOT_FOUND');
    await expectProblem(await fetch(`${bed.url}/api/v1/proposals/${proposal.id}/attachments/${randomUUID()}`, { headers: bearer(proposer) }), 404, 'NOT_FOUND');
  });
});
