import { Alert, Button, Descriptions, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { type Schemas, errorMessage, unwrap } from '../api';
import { CheckpointCheck } from '../components/CheckpointCheck';
import { useSession } from '../session';
import { ChainFailures } from '../components/ChainFailures';

type Verification = Schemas['AuditVerificationDto'];

/** Both hash chains re-verified by the server (GET /api/v1/audit/verify), and the first broken link if any. */
export default function Integrity() {
  const { client, t } = useSession();
  const [result, setResult] = useState<Verification>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const verify = useCallback(() => {
    setBusy(true);
    setError(undefined);
    unwrap(client.GET('/api/v1/audit/verify'))
      .then(setResult)
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  }, [client]);
  useEffect(() => {
    document.title = `${t('integrity')} · ${t('appTitle')}`;
    verify();
  }, [t, verify]);

  return (
    <section aria-labelledby="integrity-title" style={{ maxWidth: 1000 }}>
      <Typography.Title level={1} id="integrity-title" style={{ fontSize: 24 }}>{t('integrity')}</Typography.Title>
      {error && <Alert type="error" role="alert" showIcon message={error} />}
      {!result && !error && <Spin aria-label={t('loading')} />}
      {result && (
        <>
          <Alert data-testid="verify-status" type={result.ok ? 'success' : 'error'} showIcon message={result.ok ? t('verifyOk') : t('verifyBroken')} style={{ marginBottom: 16 }} />
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('streams')}>{result.streams}</Descriptions.Item>
            <Descriptions.Item label={t('events')}>{result.events}</Descriptions.Item>
            <Descriptions.Item label={t('position')}>{result.position}</Descriptions.Item>
            <Descriptions.Item label={t('globalHash')}><code style={{ wordBreak: 'break-all' }}>{result.globalHash}</code></Descriptions.Item>
          </Descriptions>
          {result.failures.length > 0 && (
            <ChainFailures failures={result.failures} marginTop={16} />
          )}
          <Button style={{ marginTop: 16 }} onClick={verify} loading={busy}>{t('verify')}</Button>
        </>
      )}
      <CheckpointCheck />
    </section>
  );
}
