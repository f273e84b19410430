import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './openapi';

export type ApiPaths = paths;
export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  /** e.g. http://localhost:3000 (no trailing /api/v1: the paths carry it). */
  baseUrl: string;
  /** A bearer token, or a function returning the current one (for renewal). */
  token?: string | (() => string | undefined);
  /** `vi` (the API's default) or `en`: the language of problem titles and details. */
  language?: 'vi' | 'en';
  /** A fetch implementation (default: the global one). */
  fetch?: typeof globalThis.fetch;
}

/** A client typed from the committed openapi.json: every path, parameter, body and answer is checked by tsc. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  client.use(headers(options));
  return client;
}

function headers(options: ApiClientOptions): Middleware {
  return {
    onRequest({ request }) {
      const token = typeof options.token === 'function' ? options.token() : options.token;
      if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
      if (options.language && !request.headers.has('accept-language')) request.headers.set('accept-language', options.language);
      return request;
    },
  };
}
