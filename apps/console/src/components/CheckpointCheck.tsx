import { Alert, Button, Card, Descriptions, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { type Schemas, errorMessage, unwrap } from '../api';
import { formatInstant } from '../format';
import { useSession } from '../session';
import { ChainFailures } from './ChainFailures';

// antd's green tag is too light for AA contrast on small text.
const OK_TAG = { color: '#135200', borderColor: '#389e0d', background: '#f6ffed' };

type CheckpointVerification = Schemas['CheckpointVerificationDto'];

/**
 * The signed checkpoint the verification extends (docs/adr/0009): the auditor brings the file the CLI
 * signed, the server checks its signature with the trusted public key and walks the log against it.
 */
export function CheckpointCheck() {
  const { client, t, language } = useSession();
  const [result, setResult] = useState<CheckpointVerification>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const check = async (file: File) => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      let body: Schemas['SignedCheckpointDto'];
      try {
        body = JSON.parse(await file.text()) as Schemas['SignedCheckpointDto'];
      } catch {
        throw new Error(`${file.name}: ${t('checkpointNotJson')}`);
      }
      setResult(await unwrap(client.POST('/api/v1/audit/verify/checkpoint', { body })));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const checkpoint = result?.checkpoint;
  return (
    <Card style={{ marginTop: 24 }} title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('checkpoint')}</Typography.Title>}>
      <Typography.Paragraph>{t('checkpointIntro')}</Typography.Paragraph>
      <Upload
        accept="application/json,.json"
        showUploadList={false}
        beforeUpload={(file) => {
          void check(file);
          return false;
        }}
      >
        <Button loading={busy}>{t('checkpointChoose')}</Button>
      </Upload>
      {error && <Alert type="error" role="alert" showIcon message={error} style={{ marginTop: 12 }} data-testid="checkpoint-error" />}
      {result && checkpoint && (
        <div style={{ marginTop: 16 }}>
          <Alert
            data-testid="checkpoint-status"
            type={result.ok ? 'success' : 'error'}
            showIcon
            message={result.ok ? t('checkpointExtended') : t('checkpointNotExtended')}
            style={{ marginBottom: 12 }}
          />
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('position')}><span data-testid="checkpoint-position">{checkpoint.position}</span></Descriptions.Item>
            <Descriptions.Item label={t('globalHash')}><code data-testid="checkpoint-global-hash" style={{ wordBreak: 'break-all' }}>{checkpoint.globalHash}</code></Descriptions.Item>
            <Descriptions.Item label={t('checkpointCreatedAt')}>{formatInstant(checkpoint.createdAt, language)}</Descriptions.Item>
            <Descriptions.Item label={t('streams')}>{checkpoint.streams}</Descriptions.Item>
            <Descriptions.Item label={t('checkpointSignature')}>
              <Tag style={OK_TAG}>{t('checkpointSignatureValid')}</Tag> Ed25519 · <code style={{ wordBreak: 'break-all' }}>{checkpoint.signature}</code>
            </Descriptions.Item>
            <Descriptions.Item label={t('checkpointKeyId')}><code data-testid="checkpoint-key-id" style={{ wordBreak: 'break-all' }}>{checkpoint.keyId}</code></Descriptions.Item>
            <Descriptions.Item label={t('checkpointTrustedKey')}><code style={{ wordBreak: 'break-all' }}>{result.trustedKeyId}</code></Descriptions.Item>
            <Descriptions.Item label={t('checkpointDigest')}><code style={{ wordBreak: 'break-all' }}>{checkpoint.digest}</code></Descriptions.Item>
            <Descriptions.Item label={t('checkpointExtends')}>
              <span data-testid="checkpoint-extended">{checkpoint.extended ? t('yes') : t('no')}</span>
            </Descriptions.Item>
          </Descriptions>
          {result.failures.length > 0 && (
            <ChainFailures failures={result.failures} marginTop={12} />
          )}
        </div>
      )}
    </Card>
  );
}
