import type { ApiClient } from '@reorg/api-client';
import { type ReactNode, createContext, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { type Principal, type Role, consoleClient, unwrap } from './api';
import type { Language } from './format';
import { type MessageKey, translate } from './i18n';

export interface Session {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, values?: Record<string, string>): string;
  client: ApiClient;
  principal?: Principal;
  /** In AUTH_MODE=dev: a token from the local issuer for the person chosen; kept in memory only. */
  signInDev(person: { sub: string; name: string; roles: Role[]; governingBodyIds: string[] }): Promise<void>;
  signOut(): void;
  has(role: Role): boolean;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>('vi');
  const [principal, setPrincipal] = useState<Principal>();
  const token = useRef<string>();
  const languageRef = useRef<Language>(language);
  languageRef.current = language;
  const client = useMemo(() => consoleClient(() => token.current, () => languageRef.current), []);

  const signInDev = useCallback<Session['signInDev']>(
    async (person) => {
      const issued = await unwrap(client.POST('/api/v1/auth/dev-token', { body: person }));
      token.current = issued.accessToken;
      setPrincipal(await unwrap(client.GET('/api/v1/auth/me')));
    },
    [client],
  );
  const signOut = useCallback(() => {
    token.current = undefined;
    setPrincipal(undefined);
  }, []);

  const value = useMemo<Session>(
    () => ({
      language,
      setLanguage,
      t: (key, values) => translate(language, key, values),
      client,
      principal,
      signInDev,
      signOut,
      has: (role) => principal?.roles.includes(role) ?? false,
    }),
    [language, client, principal, signInDev, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
