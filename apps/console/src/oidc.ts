import type { User, UserManager } from 'oidc-client-ts';

/** What the api tells the console in AUTH_MODE=jwt (GET /api/v1/auth/console-config). */
export interface OidcSettings {
  authority: string;
  clientId: string;
  scope: string;
}

/** Where the provider sends the browser back with the authorization code; the api serves index.html there. */
export const SIGNIN_CALLBACK_PATH = '/signin-callback';

/**
 * The authorization-code flow with PKCE (oidc-client-ts), loaded only in AUTH_MODE=jwt. Tokens live in
 * this page's memory (InMemoryWebStorage), never in localStorage or sessionStorage: a reload signs in
 * again, which the provider's own session makes a pair of redirects. Only the PKCE verifier and state
 * of a sign-in under way sit in sessionStorage (they must survive the redirect) and are removed by the
 * callback. Renewal uses the refresh token (no iframe: a provider on another site would need
 * third-party cookies); sign-out revokes the refresh token and ends the provider's session.
 */
export async function oidcUserManager(settings: OidcSettings): Promise<UserManager> {
  const { InMemoryWebStorage, UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  const origin = window.location.origin;
  return new UserManager({
    authority: settings.authority,
    client_id: settings.clientId,
    scope: settings.scope,
    response_type: 'code',
    redirect_uri: `${origin}${SIGNIN_CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    automaticSilentRenew: true,
    // Sign-out revokes the refresh token itself, best effort (session.tsx).
    revokeTokensOnSignout: false,
    // The check-session iframe would need the provider's cookies in a third-party frame.
    monitorSession: false,
    // Name, roles and governing bodies come from the api (GET /auth/me), which reads the access token.
    loadUserInfo: false,
  });
}

/** Where to go back to after the callback: the page the person asked for, never the callback itself. */
export function returnPathOf(user: User): string {
  const state = typeof user.state === 'string' ? user.state : '/';
  return state.startsWith('/') && !state.startsWith('//') && !state.startsWith(SIGNIN_CALLBACK_PATH) ? state : '/';
}
