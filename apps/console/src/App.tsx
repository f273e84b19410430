import { App as AntApp, ConfigProvider, Layout, Segmented, Space, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import { type ReactNode, Suspense, lazy, useEffect } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { Role } from './api';
import type { Language } from './format';
import type { MessageKey } from './i18n';
import { SignIn } from './pages/SignIn';
import { useSession } from './session';

const Proposals = lazy(() => import('./pages/Proposals'));
const ProposalForm = lazy(() => import('./pages/ProposalForm'));
const ProposalPage = lazy(() => import('./pages/ProposalPage'));
const Inbox = lazy(() => import('./pages/Inbox'));
const Structure = lazy(() => import('./pages/Structure'));
const UnitPage = lazy(() => import('./pages/UnitPage'));
const Report = lazy(() => import('./pages/Report'));
const Integrity = lazy(() => import('./pages/Integrity'));

const APPROVERS: Role[] = ['doha_appraiser', 'party_standing_board', 'ppc_leader'];
const READERS: Role[] = ['auditor', 'admin'];

/** Links are shown to the roles that use them; the API decides what each may do. */
const MENU: { path: string; label: MessageKey; roles: Role[] }[] = [
  { path: '/proposals', label: 'menuProposals', roles: ['proposer', ...APPROVERS, ...READERS] },
  { path: '/inbox', label: 'menuInbox', roles: APPROVERS },
  { path: '/structure', label: 'menuStructure', roles: ['proposer', ...APPROVERS, ...READERS] },
  { path: '/report', label: 'menuReport', roles: ['proposer', ...APPROVERS, ...READERS] },
  { path: '/integrity', label: 'menuIntegrity', roles: READERS },
];

// AA contrast: antd's default blue and greys are a little light for small text on white.
const THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorPrimaryHover: '#003eb3',
    colorError: '#cf1322',
    colorErrorHover: '#a8071a',
    colorTextSecondary: '#595959',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    colorTextPlaceholder: '#6e6e6e',
  },
};

export function homeOf(roles: Role[]): string {
  if (roles.some((role) => APPROVERS.includes(role))) return '/inbox';
  if (roles.includes('proposer')) return '/proposals';
  return '/structure';
}

export function App() {
  const { language, setLanguage, principal, pending, signOut, t } = useSession();
  const location = useLocation();
  useEffect(() => {
    dayjs.locale(language);
    document.documentElement.lang = language;
  }, [language]);

  const languageSwitch = (
    <Segmented<Language>
      aria-label={t('language')}
      size="small"
      value={language}
      onChange={setLanguage}
      options={[
        { label: 'Tiếng Việt', value: 'vi' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
  const menu = principal ? MENU.filter((item) => item.roles.some((role) => principal.roles.includes(role))) : [];
  const selected = menu.find((item) => location.pathname.startsWith(item.path))?.path;

  return (
    <ConfigProvider locale={language === 'vi' ? viVN : enUS} theme={THEME}>
      <AntApp>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Header style={{ background: '#fff', borderBottom: '1px solid #e5e5e5', display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16, height: 'auto', lineHeight: 'normal', flexWrap: 'wrap', paddingBlock: 8 }}>
            <Typography.Text strong style={{ fontSize: 16 }}>{t('appTitle')}</Typography.Text>
            {principal && (
              <nav aria-label="menu" style={{ flex: 1, minWidth: 200 }}>
                <Space wrap size="middle">
                  {menu.map((item) => (
                    <Link key={item.path} to={item.path} aria-current={item.path === selected ? 'page' : undefined} style={item.path === selected ? { fontWeight: 600, borderBottom: '2px solid #0958d9', paddingBottom: 2 } : undefined}>
                      {t(item.label)}
                    </Link>
                  ))}
                </Space>
              </nav>
            )}
            <Space wrap style={{ marginLeft: 'auto' }}>
              {languageSwitch}
              {principal && (
                <>
                  <Typography.Text>
                    {t('signedInAs')}: <strong>{principal.name ?? principal.sub}</strong>
                  </Typography.Text>
                  <a href="/" onClick={(event) => { event.preventDefault(); signOut(); }}>{t('signOut')}</a>
                </>
              )}
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: 16 }}>
            <main>
              <Suspense fallback={<Spin aria-label={t('loading')} />}>
                {pending ? <Spin aria-label={t('signingIn')} /> : principal ? <SignedIn /> : <SignIn />}
              </Suspense>
            </main>
          </Layout.Content>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}

function Only({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { principal, t } = useSession();
  if (!principal?.roles.some((role) => roles.includes(role))) return <Typography.Paragraph>{t('forbiddenScreen')}</Typography.Paragraph>;
  return <>{children}</>;
}

function SignedIn() {
  const { principal, t } = useSession();
  return (
    <Routes>
      <Route path="/" element={<Navigate to={homeOf(principal?.roles ?? [])} replace />} />
      <Route path="/sign-in" element={<Navigate to={homeOf(principal?.roles ?? [])} replace />} />
      <Route path="/signin-callback" element={<Navigate to={homeOf(principal?.roles ?? [])} replace />} />
      <Route path="/proposals" element={<Proposals />} />
      <Route path="/proposals/new" element={<Only roles={['proposer']}><ProposalForm /></Only>} />
      <Route path="/proposals/:id/edit" element={<Only roles={['proposer']}><ProposalForm /></Only>} />
      <Route path="/proposals/:id" element={<ProposalPage />} />
      <Route path="/inbox" element={<Only roles={APPROVERS}><Inbox /></Only>} />
      <Route path="/structure" element={<Structure />} />
      <Route path="/units/:id" element={<UnitPage />} />
      <Route path="/report" element={<Report />} />
      <Route path="/integrity" element={<Only roles={READERS}><Integrity /></Only>} />
      <Route path="*" element={<Typography.Title level={1}>{t('notFound')}</Typography.Title>} />
    </Routes>
  );
}
