import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { type StoreKind, startAppOnStore } from '../support/store-backends';
import { startTestApp, type RunningApp } from '../support/test-app';

export interface SendOptions {
  token?: string;
  idempotencyKey?: string;
  contentType?: string;
  language?: string;
  /** More request headers (If-None-Match, Accept-Encoding). */
  headers?: Record<string, string>;
}

/** The real app over HTTP, with tokens for each role and the event store to count events. */
export class RegisterClient {
  private readonly tokens = new Map<string, string>();

  private constructor(readonly running: RunningApp) {}

  static async start(): Promise<RegisterClient> {
    return new RegisterClient(await startTestApp({ AUTH_MODE: 'dev' }));
  }

  /** The app on the chosen event store (a throwaway PostgreSQL schema, dropped on close). */
  static async startOn(kind: StoreKind, label = 'register', env: Record<string, string> = {}): Promise<RegisterClient> {
    const started = await startAppOnStore(kind, { AUTH_MODE: 'dev', ...env }, label);
    return new RegisterClient({ ...started.running, close: () => started.close() });
  }

  close(): Promise<void> {
    return this.running.close();
  }

  /** The global position of the last event: unchanged means nothing was written. */
  eventCount(): Promise<number> {
    return this.running.app.get<symbol, EventStore>(EVENT_STORE).latestPosition();
  }

  store(): EventStore {
    return this.running.app.get<symbol, EventStore>(EVENT_STORE);
  }

  async token(role: string, sub = `${role}-user`): Promise<string> {
    const cached = this.tokens.get(sub);
    if (cached) return cached;
    const response = await fetch(`${this.running.url}/api/v1/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub, roles: [role] }),
    });
    if (response.status !== 201) throw new Error(`dev token for ${role}: ${response.status}`);
    const { accessToken } = (await response.json()) as { accessToken: string };
    this.tokens.set(sub, accessToken);
    return accessToken;
  }

  async get(path: string, options: SendOptions = {}): Promise<Response> {
    return fetch(`${this.running.url}${path}`, { headers: await this.headers(options) });
  }

  /** POST as admin by default; a string body is sent as is (e.g. CSV). */
  async post(path: string, body: unknown, options: SendOptions = {}): Promise<Response> {
    const headers = await this.headers(options);
    headers['content-type'] = options.contentType ?? 'application/json';
    return fetch(`${this.running.url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  }

  /** POST that must succeed with the status; returns the JSON body. */
  async ok<T = Record<string, unknown>>(path: string, body: unknown, status = 201, options: SendOptions = {}): Promise<T> {
    const response = await this.post(path, body, options);
    const text = await response.text();
    if (response.status !== status) throw new Error(`POST ${path}: expected ${status}, got ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  private async headers(options: SendOptions): Promise<Record<string, string>> {
    const token = options.token ?? (await this.token('admin'));
    return {
      authorization: `Bearer ${token}`,
      ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
      ...(options.language ? { 'accept-language': options.language } : {}),
      ...options.headers,
    };
  }
}
