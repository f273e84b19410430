import { type ApiClient, type components, type paths, createApiClient } from '@reorg/api-client';

export type Schemas = components['schemas'];
export type Proposal = Schemas['ProposalDto'];
export type Unit = Schemas['UnitDto'];
export type Principal = Schemas['PrincipalDto'];
export type Role = Principal['roles'][number];
export type Operation = Schemas['ProposalBodyDto']['operations'][number];
export type Problem = Schemas['ProblemDetails'];

/** A refused request: the API's problem+json, whose title and detail follow the console's language. */
export class ApiProblem extends Error {
  constructor(readonly problem: Partial<Problem> & { status: number }) {
    const rules = (problem.errors ?? []).map((e) => e.detail).filter((detail) => detail && detail !== problem.detail);
    super([[problem.title, problem.detail].filter(Boolean).join(': ') || `HTTP ${problem.status}`, ...rules].join(' — '));
    this.name = 'ApiProblem';
  }
}

/** The data of an openapi-fetch answer, or the problem it carried, thrown. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return data;
  const problem = (error && typeof error === 'object' ? error : {}) as Partial<Problem>;
  throw new ApiProblem({ ...problem, status: response.status });
}

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The typed client of the committed OpenAPI document, on the page's own origin; the token stays in memory. */
export function consoleClient(token: () => string | undefined, language: () => 'vi' | 'en'): ApiClient {
  const client = createApiClient({ baseUrl: window.location.origin, token });
  client.use({
    onRequest({ request }) {
      request.headers.set('accept-language', language());
      // Each user action is one command: a retried request is recognised by its key.
      if (request.method === 'POST' && !request.headers.has('idempotency-key')) request.headers.set('idempotency-key', crypto.randomUUID());
      return request;
    },
  });
  return client;
}

export type Attachment = Proposal['attachments'][number];
type UploadBody = paths['/api/v1/proposals/{id}/attachments']['post']['requestBody']['content']['multipart/form-data'];

/**
 * Uploads one file to a DRAFT or RETURNED dossier (multipart/form-data). OpenAPI types the binary
 * part as a string; the browser sends the File itself, so only the request body is shaped here: the
 * path, the parameters and the answer (AttachmentDto) stay those of the typed client.
 */
export function uploadAttachment(client: ApiClient, proposalId: string, file: File): Promise<Schemas['AttachmentDto']> {
  return unwrap(
    client.POST('/api/v1/proposals/{id}/attachments', {
      params: { path: { id: proposalId } },
      body: { file: file as unknown as UploadBody['file'] },
      bodySerializer: () => {
        const form = new FormData();
        form.append('file', file, file.name);
        return form;
      },
    }),
  );
}

/** The bytes of an attachment, through the typed client (the bearer token never goes into a URL). */
export async function downloadAttachment(client: ApiClient, proposalId: string, attachmentId: string): Promise<Blob> {
  const { data, response } = await client.GET('/api/v1/proposals/{id}/attachments/{attachmentId}', { params: { path: { id: proposalId, attachmentId } }, parseAs: 'blob' });
  if (!response.ok || !data) throw new ApiProblem({ status: response.status });
  return data;
}

/** SHA-256 of some bytes as lower-case hex, computed in the browser (crypto.subtle). */
export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
