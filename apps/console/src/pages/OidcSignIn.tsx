import { Alert, Button, Card, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api';
import { useSession } from '../session';

/** AUTH_MODE=jwt: one button to the organisation's OpenID provider (authorization code with PKCE). */
export function OidcSignIn() {
  const { t, signInOidc, authError } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    document.title = `${t('signIn')} · ${t('appTitle')}`;
  }, [t]);

  const go = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await signInOidc();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  const shown = error ?? authError;
  return (
    <Card style={{ maxWidth: 640, margin: '24px auto' }}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('signIn')}</Typography.Title>
      <Typography.Paragraph>{t('oidcSignInIntro')}</Typography.Paragraph>
      {shown && <Alert type="error" role="alert" showIcon message={shown} style={{ marginBottom: 16 }} />}
      <Button type="primary" loading={busy} onClick={go}>
        {t('oidcSignIn')}
      </Button>
    </Card>
  );
}
