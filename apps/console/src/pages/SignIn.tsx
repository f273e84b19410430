import { Alert, Button, Card, Form, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { type Role, type Schemas, consoleClient, errorMessage, unwrap } from '../api';
import { useSession } from '../session';
import { OidcSignIn } from './OidcSignIn';

interface SamplePerson {
  sub: string;
  name: string;
  roles: Role[];
  /** A proposer acts for a governing body chosen at sign-in. */
  needsBody?: boolean;
}

export const SAMPLE_PEOPLE: SamplePerson[] = [
  { sub: 'nguyen.van.an', name: 'Nguyễn Văn An', roles: ['proposer'], needsBody: true },
  { sub: 'tran.thi.binh', name: 'Trần Thị Bình', roles: ['doha_appraiser'] },
  { sub: 'le.van.cuong', name: 'Lê Văn Cường', roles: ['party_standing_board'] },
  { sub: 'pham.thi.dung', name: 'Phạm Thị Dung', roles: ['ppc_leader'] },
  { sub: 'hoang.minh.em', name: 'Hoàng Minh Em', roles: ['auditor'] },
  { sub: 'do.quan.tri', name: 'Đỗ Quản Trị', roles: ['admin'] },
];

/** AUTH_MODE=jwt: the organisation's OpenID provider; AUTH_MODE=dev: the sample people. */
export function SignIn() {
  const { authMode } = useSession();
  return authMode === 'jwt' ? <OidcSignIn /> : <DevSignIn />;
}

function DevSignIn() {
  const { t, language, signInDev } = useSession();
  const [person, setPerson] = useState<string>(SAMPLE_PEOPLE[0].sub);
  const [bodyId, setBodyId] = useState<string>();
  const [bodies, setBodies] = useState<Schemas['GoverningBodyDto'][]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const chosen = SAMPLE_PEOPLE.find((p) => p.sub === person)!;

  // The list of governing bodies is read with a short-lived auditor token of the same dev issuer.
  const directory = useMemo(() => {
    let token: string | undefined;
    const client = consoleClient(() => token, () => language);
    return { client, setToken: (value: string) => (token = value) };
  }, [language]);
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const issued = await unwrap(directory.client.POST('/api/v1/auth/dev-token', { body: { sub: 'console.directory', roles: ['auditor'], governingBodyIds: [] } }));
      directory.setToken(issued.accessToken);
      const page = await unwrap(directory.client.GET('/api/v1/governing-bodies', { params: { query: { pageSize: 200 } } }));
      if (!cancelled) setBodies(page.items);
    })().catch((e: unknown) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [directory]);

  useEffect(() => {
    document.title = `${t('signIn')} · ${t('appTitle')}`;
  }, [t]);

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await signInDev({ sub: chosen.sub, name: chosen.name, roles: chosen.roles, governingBodyIds: chosen.needsBody && bodyId ? [bodyId] : [] });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 640, margin: '24px auto' }}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('signIn')}</Typography.Title>
      <Typography.Paragraph>{t('signInIntro')}</Typography.Paragraph>
      {error && <Alert type="error" role="alert" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" onFinish={submit}>
        <Form.Item label={t('person')}>
          <Radio.Group value={person} onChange={(event) => setPerson(event.target.value as string)} aria-label={t('person')}>
            <Space direction="vertical">
              {SAMPLE_PEOPLE.map((p) => (
                <Radio key={p.sub} value={p.sub}>
                  <strong>{p.name}</strong> — {p.roles.map((role) => t(`role.${role}`)).join(', ')}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        {chosen.needsBody && (
          <Form.Item label={t('governingBody')} htmlFor="governing-body" required>
            <Select
              id="governing-body"
              value={bodyId}
              onChange={setBodyId}
              showSearch
              optionFilterProp="label"
              options={bodies.map((b) => ({ value: b.id, label: `${b.code} — ${b.name}` }))}
            />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy} disabled={chosen.needsBody && !bodyId}>
          {t('signInAs')} {chosen.name}
        </Button>
      </Form>
    </Card>
  );
}
