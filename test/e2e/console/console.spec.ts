import { createHash } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { createCheckpoint } from '@reorg/event-store/audit';
import type { Page } from 'playwright-core';
import { type Bed, startProposalsBed } from '../proposals/proposals-test-bed';
import { type Browser, SCREENSHOTS, ensureConsoleBuilt, initialJavaScriptGzipBytes, launchChromium, seriousViolations } from './browser';

jest.setTimeout(300_000);

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const vnDate = (iso: string) => iso.split('-').reverse().join('/');
/** The scheme (đề án) an official attaches: a small PDF whose hash the test knows. */
const schemePdf = Buffer.from('%PDF-1.4\n% Đề án hợp nhất Bệnh viện Đa khoa tỉnh và Trung tâm Y tế dự phòng\n%%EOF\n', 'utf8');
const schemeSha256 = createHash('sha256').update(schemePdf).digest('hex');
const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

interface ProposalJson {
  id: string;
  status: string;
  execution?: { createdUnits?: { code: string; unitId: string }[] };
}

/**
 * The console in Debian's chromium against the real api on SQLite: an official drafts, previews and
 * submits a consolidation; each approver signs from the inbox; an auditor reads the structure before
 * and after, the lineage, the report and the integrity check. axe-core runs on every screen.
 */
describe('web console in a real browser (chromium, embedded SQLite)', () => {
  let bed: Bed;
  let browser: Browser;
  let page: Page;
  let proposalId: string;
  const title = 'Hợp nhất Bệnh viện Đa khoa tỉnh và Trung tâm Y tế dự phòng';
  const a11y: Record<string, string[]> = {};

  // The auditors' checkpoint key: the api trusts its public half (AUDIT_PUBLIC_KEY_FILE) and never sees the private one.
  const keys = generateKeyPairSync('ed25519');
  const keyDir = mkdtempSync(join(tmpdir(), 'console-audit-key-'));

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    const publicKeyFile = join(keyDir, 'audit-public.pem');
    writeFileSync(publicKeyFile, keys.publicKey.export({ type: 'spki', format: 'pem' }));
    bed = await startProposalsBed({ AUDIT_PUBLIC_KEY_FILE: publicKeyFile });
    browser = await launchChromium();
    page = browser.page;
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await bed?.close();
    rmSync(keyDir, { recursive: true, force: true });
  }, 60_000);

  /** axe on the screen as it is now, and a screenshot of it for the README. */
  async function check(name: string): Promise<void> {
    a11y[name] = (await seriousViolations(page)).map((v) => `${v.id} (${v.impact}): ${v.help} → ${JSON.stringify(v.nodes)}`);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
    expect(a11y[name]).toEqual([]);
  }

  async function signIn(name: RegExp, body?: string): Promise<void> {
    await page.goto(bed.url + '/');
    await page.getByRole('heading', { name: 'Đăng nhập', level: 1 }).waitFor();
    await page.getByRole('radio', { name }).check();
    if (body) {
      await page.getByRole('combobox', { name: 'Cơ quan chủ quản' }).click();
      await page.locator('.ant-select-item-option', { hasText: body }).click();
    }
    await page.getByRole('button', { name: /Đăng nhập với tư cách/ }).click();
    await page.getByText('Đang đăng nhập').waitFor();
  }

  async function pick(label: string, search: string, option: string): Promise<void> {
    const input = page.getByLabel(label, { exact: true });
    await input.click();
    await input.fill(search);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).click();
  }

  async function typeDate(label: string, iso: string): Promise<void> {
    const input = page.getByLabel(label, { exact: true });
    await input.click();
    await input.fill(vnDate(iso));
    await input.press('Enter');
  }

  it('serves the sign-in at / (index.html revalidated, assets immutable) and lists the sample people', async () => {
    const index = await fetch(`${bed.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const script = await fetch(`${bed.url}${asset}`);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${bed.url}/inbox`)).headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${bed.url}/health`)).status).toBe(200);
    expect((await fetch(`${bed.url}/api/v1/nothing-here`)).headers.get('content-type')).toContain('application/problem+json');

    await page.goto(bed.url + '/');
    await page.getByRole('heading', { name: 'Đăng nhập', level: 1 }).waitFor();
    await expect(page.getByRole('radio', { name: /Trần Thị Bình/ }).isVisible()).resolves.toBe(true);
    await check('01-sign-in');
  });

  it('official: drafts a consolidation with units found without diacritics, previews its effect and submits it', async () => {
    await signIn(/Nguyễn Văn An/, 'SYT');
    await page.getByRole('heading', { name: 'Đề án của tôi' }).waitFor();
    await check('02-proposals');

    await page.getByRole('button', { name: 'Lập đề án mới' }).click();
    await page.getByLabel('Tên đề án').fill(title);
    await page.getByLabel('Sự cần thiết').fill('Tinh gọn bộ máy theo Nghị quyết 19-NQ/TW');
    await typeDate('Ngày dự kiến có hiệu lực', today);
    await pick('Các đơn vị hợp nhất', 'trung tam y te', 'H2 — Trung tâm Y tế dự phòng');
    await pick('Các đơn vị hợp nhất', 'benh vien da khoa', 'H1 — Bệnh viện Đa khoa tỉnh');
    await page.getByLabel('Mã đơn vị mới').fill('TTYT-TINH');
    await page.getByLabel('Tên đơn vị mới').fill('Trung tâm Y tế tỉnh');
    await page.getByLabel('Số lượng người làm việc').fill('70');
    await page.getByLabel('Số viên chức').fill('60');
    await page.keyboard.press('Escape');
    await check('03-proposal-form');
    await page.getByRole('button', { name: 'Lưu dự thảo' }).click();

    await page.getByRole('heading', { name: title }).waitFor();
    proposalId = /\/proposals\/([0-9a-f-]{36})/.exec(page.url())![1];

    // The scheme PDF, attached from the draft form: the server's SHA-256 equals node:crypto's, and the
    // browser's own crypto.subtle hash of the chosen file agrees.
    await page.getByRole('link', { name: 'Sửa dự thảo' }).click();
    await page.getByRole('button', { name: 'Đính kèm tệp' }).waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: 'de-an-hop-nhat.pdf', mimeType: 'application/pdf', buffer: schemePdf });
    const attachments = page.getByTestId('attachments');
    await attachments.getByText('de-an-hop-nhat.pdf').waitFor();
    expect(await attachments.getByTestId('attachment-sha256').innerText()).toBe(schemeSha256);
    await attachments.getByTestId('hash-match').waitFor();
    await expect(attachments.getByTestId('hash-mismatch').count()).resolves.toBe(0);
    await attachments.scrollIntoViewIfNeeded();
    await check('15-attachments');
    await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await page.getByRole('heading', { name: title }).waitFor();
    await page.getByTestId('attachments').getByText(schemeSha256).waitFor();
    await page.getByRole('button', { name: 'Xem trước tác động' }).click();
    const preview = page.getByTestId('preview');
    await preview.getByText('TTYT-TINH').waitFor();
    await expect(preview.getByText(/Đã hợp nhất/).count()).resolves.toBe(2);
    await expect(preview.getByText('Trung tâm Y tế tỉnh').isVisible()).resolves.toBe(true);
    await check('04-preview');

    await page.getByRole('button', { name: 'Trình duyệt' }).click();
    await page.locator('[data-status="IN_REVIEW"]').first().waitFor();
    await page.getByText('Thẩm định của Sở Nội vụ').waitFor();
  });

  it('a refused action shows the API’s message: submitting a rename dated before the unit existed', async () => {
    const proposer = await bed.token('nguyen.van.an', ['proposer'], [bed.bodies.health]);
    const response = await bed.call(proposer, 'POST', '/api/v1/proposals', {
      title: 'Đổi tên Bệnh viện trước khi có đơn vị',
      rationale: 'Ngày hiệu lực sai',
      governingBodyId: bed.bodies.health,
      proposedEffectiveDate: '2010-01-01',
      operations: [{ type: 'RENAME', unitId: bed.units.h1, newName: 'Bệnh viện tỉnh' }],
    });
    const draft = (await response.json()) as ProposalJson;
    // A new page load forgets the in-memory token: the console asks who you are again.
    await signIn(/Nguyễn Văn An/, 'SYT');
    await page.getByRole('link', { name: 'Đổi tên Bệnh viện trước khi có đơn vị' }).click();
    await page.getByRole('button', { name: 'Trình duyệt' }).click();
    const error = page.getByTestId('error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/\S+/);
    await check('05-refused-submit');
    expect(((await (await bed.call(proposer, 'GET', `/api/v1/proposals/${draft.id}`)).json()) as ProposalJson).status).toBe('DRAFT');
  });

  it('return → amend → resubmit: an approver returns with a comment, the official amends, previews and resubmits, round 2 shows round 1’s comment', async () => {
    const renameTitle = 'Đổi tên Bệnh viện Đa khoa tỉnh';
    const comment = 'Đề nghị ghi đầy đủ tên tỉnh trong tên mới';
    const proposer = await bed.token('nguyen.van.an', ['proposer'], [bed.bodies.health]);
    const drafted = (await (
      await bed.call(proposer, 'POST', '/api/v1/proposals', {
        title: renameTitle,
        rationale: 'Thống nhất tên gọi',
        governingBodyId: bed.bodies.health,
        proposedEffectiveDate: today,
        operations: [{ type: 'RENAME', unitId: bed.units.h1, newName: 'Bệnh viện tỉnh' }],
      })
    ).json()) as ProposalJson;
    expect((await bed.call(proposer, 'POST', `/api/v1/proposals/${drafted.id}/submit`)).status).toBe(200);

    // The appraiser returns it from the inbox, with a comment.
    await signIn(/Trần Thị Bình/);
    await page.getByTestId('inbox').getByRole('link', { name: renameTitle }).click();
    await page.getByRole('heading', { name: 'Bước: Thẩm định của Sở Nội vụ' }).waitFor();
    await page.getByLabel('Ý kiến').fill(comment);
    await page.getByRole('button', { name: 'Trả lại', exact: true }).click();
    await page.getByText(`Đã ghi nhận ý kiến: ${renameTitle}`).first().waitFor();

    // The official sees RETURNED and the comment, amends, previews the amended effect and resubmits.
    await signIn(/Nguyễn Văn An/, 'SYT');
    await page.getByRole('link', { name: renameTitle }).click();
    const returned = page.getByTestId('returned');
    await returned.waitFor();
    expect(await returned.innerText()).toContain(comment);
    await page.locator('[data-status="RETURNED"]').first().waitFor();
    await check('16-returned');
    await page.getByRole('link', { name: 'Sửa và trình lại' }).click();
    await expect(page.getByTestId('returned').innerText()).resolves.toContain(comment);
    await page.getByLabel('Tên mới').fill('Bệnh viện Đa khoa tỉnh Phú Yên');
    // A hash the server reports that is not the chosen file's is shown as a mismatch (the answer is altered in flight).
    await page.route('**/api/v1/proposals/*/attachments', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...((await response.json()) as object), sha256: '0'.repeat(64) } });
    });
    await page.locator('input[type=file]').setInputFiles({ name: 'phu-luc.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% Phụ lục\n%%EOF\n') });
    await expect(page.getByTestId('hash-mismatch').innerText()).resolves.toContain('KHÔNG khớp');
    await page.unroute('**/api/v1/proposals/*/attachments');
    await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await page.getByRole('heading', { name: renameTitle }).waitFor();
    await page.getByRole('button', { name: 'Xem trước tác động' }).click();
    await page.getByTestId('preview').getByText('Bệnh viện Đa khoa tỉnh Phú Yên').first().waitFor();
    await page.getByRole('button', { name: 'Trình duyệt' }).click();
    await page.locator('[data-status="IN_REVIEW"]').first().waitFor();
    const official = (await (await bed.call(proposer, 'GET', `/api/v1/proposals/${drafted.id}`)).json()) as ProposalJson & { round: number };
    expect([official.status, official.round]).toEqual(['IN_REVIEW', 2]);

    // The appraiser sees round 2, and round 1's chain with the comment it was returned with.
    await signIn(/Trần Thị Bình/);
    await page.getByTestId('inbox').getByRole('link', { name: renameTitle }).click();
    await page.getByRole('heading', { name: 'Bước: Thẩm định của Sở Nội vụ' }).waitFor();
    await page.getByText('Các bước phê duyệt · Vòng 2').waitFor();
    const earlier = page.getByTestId('earlier-rounds');
    await earlier.getByText('Vòng 1').waitFor();
    await expect(earlier.getByText(comment).isVisible()).resolves.toBe(true);
    await earlier.scrollIntoViewIfNeeded();
    await check('17-round-2-dossier');
  });

  it('approvers: a leader whose step has not come sees why the buttons are disabled', async () => {
    await signIn(/Phạm Thị Dung/);
    await page.getByRole('heading', { name: 'Hộp việc chờ xử lý' }).waitFor();
    await page.getByRole('link', { name: 'Đề án', exact: true }).click();
    await page.getByRole('link', { name: title }).click();
    const why = page.getByTestId('why-disabled');
    await why.waitFor();
    expect(await why.innerText()).toContain('Thẩm định của Sở Nội vụ');
    await expect(page.getByRole('button', { name: 'Đồng ý' }).isDisabled()).resolves.toBe(true);
    await check('06-why-disabled');
  });

  it('approvers: each signs in turn from the inbox; the final step records the decision and the proposal executes', async () => {
    const approvers: { who: RegExp; step: string }[] = [
      { who: /Trần Thị Bình/, step: 'Thẩm định của Sở Nội vụ' },
      { who: /Lê Văn Cường/, step: 'Ý kiến của Ban Thường vụ Tỉnh ủy' },
      { who: /Phạm Thị Dung/, step: 'Quyết định của UBND tỉnh' },
    ];
    for (const [index, { who, step }] of approvers.entries()) {
      const started = Date.now();
      await signIn(who);
      const row = page.getByTestId('inbox').getByRole('link', { name: title });
      await row.waitFor();
      if (index === 0) {
        process.stdout.write(`\n[console figures] inbox interactive ${Date.now() - started} ms after the sign-in click (localhost, loaded CI machine; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
        await check('07-inbox');
      }
      await row.click();
      await page.getByRole('heading', { name: `Bước: ${step}` }).waitFor();
      if (index === 0) {
        // The dossier lists the scheme with its hash, and its download is the very file.
        const attached = page.getByTestId('attachments');
        expect(await attached.getByTestId('attachment-sha256').innerText()).toBe(schemeSha256);
        const download = page.waitForEvent('download');
        await attached.getByRole('button', { name: 'Tải xuống de-an-hop-nhat.pdf' }).click();
        const file = await download;
        expect(file.suggestedFilename()).toBe('de-an-hop-nhat.pdf');
        const path = await file.path();
        expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(schemeSha256);
      }
      await page.getByLabel('Ý kiến').fill('Đồng ý với đề án');
      if (index === approvers.length - 1) {
        await page.getByLabel('Số quyết định').fill('123/QĐ-UBND');
        await page.getByLabel('Ngày ký quyết định').waitFor();
        await check('08-dossier-final-step');
      }
      await page.getByRole('button', { name: 'Đồng ý', exact: true }).click();
      await page.getByText(`Đã ghi nhận ý kiến: ${title}`).first().waitFor();
      await page.getByRole('link', { name: 'Đăng xuất' }).click();
    }
    const auditor = await bed.token('kiem.toan', ['auditor']);
    const proposal = (await (await bed.call(auditor, 'GET', `/api/v1/proposals/${proposalId}`)).json()) as ProposalJson;
    expect(proposal.status).toBe('EXECUTED');
    expect(proposal.execution?.createdUnits?.map((u) => u.code)).toEqual(['TTYT-TINH']);
  });

  it('auditor: the structure before and after, the new unit’s lineage and hashed history', async () => {
    await signIn(/Hoàng Minh Em/);
    await page.getByRole('heading', { name: 'Cơ cấu tổ chức' }).waitFor();
    const structure = page.getByTestId('structure');
    await typeDate('Vào ngày', dayBefore(today));
    await structure.getByRole('link', { name: 'H2' }).waitFor();
    await expect(structure.getByRole('link', { name: 'TTYT-TINH' }).count()).resolves.toBe(0);
    await typeDate('Vào ngày', today);
    await structure.getByRole('link', { name: 'TTYT-TINH' }).waitFor();
    await expect(structure.getByRole('link', { name: 'H2' }).count()).resolves.toBe(0);
    await check('09-structure');
    // Tablet width: the same screen reflows (and stays accessible).
    await page.setViewportSize({ width: 820, height: 1180 });
    await check('14-structure-tablet');
    await page.setViewportSize({ width: 1280, height: 800 });

    await structure.getByRole('link', { name: 'TTYT-TINH' }).click();
    const lineage = page.getByTestId('lineage');
    await lineage.getByRole('link', { name: 'H1' }).waitFor();
    await expect(lineage.getByRole('link', { name: 'H2' }).isVisible()).resolves.toBe(true);
    const history = page.getByTestId('history');
    await history.getByText('UnitEstablished').waitFor();
    await expect(history.getByText('123/QĐ-UBND').isVisible()).resolves.toBe(true);
    await check('10-unit-lineage-history');
  });

  it('auditor: the reduction report with its charts and download, and the integrity check, also in English', async () => {
    await page.getByRole('link', { name: 'Báo cáo tinh gọn' }).click();
    await page.getByTestId('chart-year').locator('canvas').waitFor();
    const totals = await page.getByTestId('report-totals').innerText();
    expect(totals).toContain('Giảm thực');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải xuống CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/^reduction-2018-01-01-\d{4}-\d{2}-\d{2}\.csv$/);
    await check('11-report');

    await page.getByRole('link', { name: 'Toàn vẹn dữ liệu' }).click();
    await expect(page.getByTestId('verify-status').innerText()).resolves.toContain('Toàn vẹn');
    await check('12-integrity');

    // The signed checkpoint the verification extends: signed as the CLI does, brought by the auditor as a file.
    const store = bed.running.app.get<symbol, EventStore>(EVENT_STORE);
    const checkpoint = await createCheckpoint(store, keys.privateKey);
    await page.locator('input[type=file]').setInputFiles({ name: 'checkpoint.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(checkpoint)) });
    await page.getByTestId('checkpoint-status').waitFor();
    const auditor = await bed.token('kiem.toan', ['auditor']);
    const answer = (await (await bed.call(auditor, 'POST', '/api/v1/audit/verify/checkpoint', checkpoint)).json()) as { ok: boolean; checkpoint: { position: number; globalHash: string; keyId: string; extended: boolean } };
    expect(answer).toMatchObject({ ok: true, checkpoint: { position: checkpoint.position, globalHash: checkpoint.globalHash, keyId: checkpoint.keyId, extended: true } });
    expect(Number(await page.getByTestId('checkpoint-position').innerText())).toBe(answer.checkpoint.position);
    expect(await page.getByTestId('checkpoint-global-hash').innerText()).toBe(answer.checkpoint.globalHash);
    expect(await page.getByTestId('checkpoint-key-id').innerText()).toBe(answer.checkpoint.keyId);
    expect(await page.getByTestId('checkpoint-extended').innerText()).toBe('Có');
    expect(await page.getByTestId('checkpoint-status').innerText()).toContain('nối tiếp điểm kiểm soát');
    await page.getByTestId('checkpoint-status').scrollIntoViewIfNeeded();
    await check('18-checkpoint');
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Hash chain integrity' }).waitFor();
    await expect(page.getByTestId('verify-status').innerText()).resolves.toContain('Intact');
    await check('13-integrity-english');

    const { files, bytes } = initialJavaScriptGzipBytes();
    process.stdout.write(`\n[console figures] first screen JavaScript: ${(bytes / 1024).toFixed(1)} KiB gzip in ${files.length} files\n`);
  });
});
