import type { ApiClient } from '@reorg/api-client';
import type { User, UserManager } from 'oidc-client-ts';
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { type Principal, type Role, consoleClient, errorMessage, unwrap } from './api';
import type { Language } from './format';
import { type MessageKey, translate } from './i18n';
import { SIGNIN_CALLBACK_PATH, oidcUserManager, returnPathOf } from './oidc';

export type AuthMode = 'dev' | 'jwt';

export interface Session {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, values?: Record<string, string>): string;
  client: ApiClient;
  /** Learnt from the api (GET /api/v1/auth/console-config); undefined until then. */
  authMode?: AuthMode;
  /** The console-config is loading, or a sign-in callback is being completed. */
  pending: boolean;
  /** Why the last sign-in did not succeed, or why the session ended (AUTH_MODE=jwt). */
  authError?: string;
  principal?: Principal;
  /** In AUTH_MODE=dev: a token from the local issuer for the person chosen; kept in memory only. */
  signInDev(person: { sub: string; name: string; roles: Role[]; governingBodyIds: string[] }): Promise<void>;
  /** In AUTH_MODE=jwt: to the provider (authorization code with PKCE), back at /signin-callback. */
  signInOidc(): Promise<void>;
  signOut(): void;
  has(role: Role): boolean;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>('vi');
  const [principal, setPrincipal] = useState<Principal>();
  const [authMode, setAuthMode] = useState<AuthMode>();
  const [users, setUsers] = useState<UserManager>();
  const [completing, setCompleting] = useState(window.location.pathname === SIGNIN_CALLBACK_PATH);
  const [authError, setAuthError] = useState<string>();
  const token = useRef<string>();
  const languageRef = useRef<Language>(language);
  languageRef.current = language;
  const client = useMemo(() => consoleClient(() => token.current, () => languageRef.current), []);
  const navigate = useNavigate();

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const config = await unwrap(client.GET('/api/v1/auth/console-config'));
      if (config.mode === 'jwt' && config.oidc) {
        const manager = await oidcUserManager(config.oidc);
        if (!cancelled) setUsers(manager);
      }
      if (!cancelled) setAuthMode(config.mode);
    })().catch((e: unknown) => !cancelled && setAuthError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [client]);

  // AUTH_MODE=jwt: the access token follows the provider's (renewed) user; the principal is the api's reading of it.
  const callbackDone = useRef(false);
  useEffect(() => {
    if (!users) return;
    const loaded = (user: User) => {
      token.current = user.access_token;
    };
    const ended = () => {
      token.current = undefined;
      setPrincipal(undefined);
    };
    const expired = () => {
      ended();
      setAuthError(translate(languageRef.current, 'sessionEnded'));
    };
    users.events.addUserLoaded(loaded);
    users.events.addUserUnloaded(ended);
    users.events.addAccessTokenExpired(expired);
    if (window.location.pathname === SIGNIN_CALLBACK_PATH && !callbackDone.current) {
      callbackDone.current = true;
      (async () => {
        try {
          const user = await users.signinRedirectCallback();
          token.current = user.access_token;
          setPrincipal(await unwrap(client.GET('/api/v1/auth/me')));
          navigate(returnPathOf(user), { replace: true });
        } catch (e) {
          token.current = undefined;
          setAuthError(`${translate(languageRef.current, 'signInFailed')}: ${errorMessage(e)}`);
          navigate('/', { replace: true });
        } finally {
          setCompleting(false);
        }
      })();
    }
    return () => {
      users.events.removeUserLoaded(loaded);
      users.events.removeUserUnloaded(ended);
      users.events.removeAccessTokenExpired(expired);
    };
  }, [users, client, navigate]);

  const signInDev = useCallback<Session['signInDev']>(
    async (person) => {
      const issued = await unwrap(client.POST('/api/v1/auth/dev-token', { body: person }));
      token.current = issued.accessToken;
      setPrincipal(await unwrap(client.GET('/api/v1/auth/me')));
    },
    [client],
  );
  const signInOidc = useCallback(async () => {
    if (!users) return;
    setAuthError(undefined);
    const here = `${window.location.pathname}${window.location.search}`;
    await users.signinRedirect({ state: here === SIGNIN_CALLBACK_PATH ? '/' : here });
  }, [users]);
  const signOut = useCallback(() => {
    token.current = undefined;
    setPrincipal(undefined);
    setAuthError(undefined);
    if (!users) return;
    void (async () => {
      // The refresh token is revoked first, best effort: signing out must not depend on it (a JWT access
      // token cannot be revoked at the provider, it expires; some providers answer 200 with a text body,
      // which oidc-client-ts reports as an error after the revocation took effect).
      await users.revokeTokens(['refresh_token']).catch(() => undefined);
      // Forgets the user and ends the provider's session (RP-initiated logout), back at /.
      await users.signoutRedirect();
    })().catch((e: unknown) => setAuthError(errorMessage(e)));
  }, [users]);

  const value = useMemo<Session>(
    () => ({
      language,
      setLanguage,
      t: (key, values) => translate(language, key, values),
      client,
      authMode,
      // A callback is completed only in jwt mode (in dev mode /signin-callback is just the sign-in).
      pending: (!authMode && !authError) || (completing && authMode === 'jwt'),
      authError,
      principal,
      signInDev,
      signInOidc,
      signOut,
      has: (role) => principal?.roles.includes(role) ?? false,
    }),
    [language, client, authMode, completing, authError, principal, signInDev, signInOidc, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
