import { Alert, App as AntApp, Button, Table, Tag, Typography, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { type Attachment, type Schemas, downloadAttachment, errorMessage, sha256Hex, uploadAttachment } from '../api';
import { formatInstant, formatSize } from '../format';
import { useSession } from '../session';

// antd's green tag is too light for AA contrast on small text.
const OK_TAG = { color: '#135200', borderColor: '#389e0d', background: '#f6ffed' };

type Uploaded = Schemas['AttachmentDto'] & { dossierVersion?: number; addedAt?: string };

/** One row: what the server recorded, and (for a file chosen here) the hash the browser computed of it. */
interface Row {
  attachment: Uploaded;
  localSha256?: string;
}

function HashCheck({ row }: { row: Row }) {
  const { t } = useSession();
  if (!row.localSha256) return <Typography.Text type="secondary">{t('hashEarlier')}</Typography.Text>;
  if (row.localSha256 === row.attachment.sha256) return <Tag style={OK_TAG} data-testid="hash-match">{t('hashMatches')}</Tag>;
  return <Alert type="error" role="alert" showIcon data-testid="hash-mismatch" message={t('hashMismatch')} description={<code style={{ wordBreak: 'break-all' }}>{row.localSha256}</code>} />;
}

function AttachmentTable({ rows, extra }: { rows: Row[]; extra?: { title: string; render: (row: Row) => ReactNode } }) {
  const { t, language } = useSession();
  return (
    <Table<Row>
      data-testid="attachments"
      rowKey={(row) => row.attachment.attachmentId}
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 800 }}
      locale={{ emptyText: t('noAttachments') }}
      columns={[
        { title: t('fileName'), render: (_, row) => row.attachment.name },
        { title: t('fileSize'), width: 110, render: (_, row) => <span title={`${row.attachment.size} B`}>{formatSize(row.attachment.size, language)}</span> },
        { title: 'SHA-256', render: (_, row) => <code data-testid="attachment-sha256" style={{ wordBreak: 'break-all' }}>{row.attachment.sha256}</code> },
        { title: t('addedAt'), width: 170, render: (_, row) => formatInstant(row.attachment.addedAt, language) },
        ...(extra ? [{ title: extra.title, width: 200, render: (_: unknown, row: Row) => extra.render(row) }] : []),
      ]}
    />
  );
}

/**
 * The form's attachments: each chosen file is uploaded at once (it joins the current dossier version),
 * and the SHA-256 the server computed is compared with the one the browser computes of the same file.
 */
export function AttachmentUpload({ proposalId, existing }: { proposalId?: string; existing: Attachment[] }) {
  const { client, t } = useSession();
  const [rows, setRows] = useState<Row[]>(existing.map((attachment) => ({ attachment })));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(0);

  const upload = async (file: File) => {
    setBusy((n) => n + 1);
    setError(undefined);
    try {
      const [attachment, localSha256] = await Promise.all([uploadAttachment(client, proposalId!, file), sha256Hex(file)]);
      setRows((before) => [...before, { attachment: { ...attachment, addedAt: new Date().toISOString() }, localSha256 }]);
    } catch (e) {
      setError(`${file.name}: ${errorMessage(e)}`);
    } finally {
      setBusy((n) => n - 1);
    }
  };

  return (
    <section aria-labelledby="attachments-title" style={{ marginTop: 24 }}>
      <Typography.Title level={2} id="attachments-title" style={{ fontSize: 18 }}>{t('attachments')}</Typography.Title>
      {error && <Alert type="error" role="alert" showIcon message={error} style={{ marginBottom: 12 }} data-testid="attachment-error" />}
      {proposalId ? (
        <Upload
          multiple
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button loading={busy > 0}>{t('attachFile')}</Button>
        </Upload>
      ) : (
        <Typography.Paragraph type="secondary">{t('saveBeforeAttaching')}</Typography.Paragraph>
      )}
      {rows.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <AttachmentTable rows={rows} extra={{ title: t('hashCheck'), render: (row) => <HashCheck row={row} /> }} />
        </div>
      )}
    </section>
  );
}

/** The dossier's attachments with their hashes; a download is checked against the recorded SHA-256 before it is saved. */
export function AttachmentList({ proposalId, attachments }: { proposalId: string; attachments: Attachment[] }) {
  const { client, t } = useSession();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<string>();

  const download = async (attachment: Attachment) => {
    setBusy(attachment.attachmentId);
    try {
      const blob = await downloadAttachment(client, proposalId, attachment.attachmentId);
      if ((await sha256Hex(blob)) !== attachment.sha256) void message.error(`${attachment.name}: ${t('hashMismatch')}`);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = attachment.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <AttachmentTable
      rows={attachments.map((attachment) => ({ attachment }))}
      extra={{
        title: t('download'),
        render: (row) => (
          <Button size="small" loading={busy === row.attachment.attachmentId} onClick={() => void download(row.attachment as Attachment)} aria-label={`${t('download')} ${row.attachment.name}`}>
            {t('download')}
          </Button>
        ),
      }}
    />
  );
}
