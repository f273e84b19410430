import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatPath, ProblemException, TEXT_FAULT_DETAILS, type TextFault, textFault, messageText } from '@reorg/http';

/** Headers whose values the API reads as input (others are only routed on or ignored). */
export const INPUT_HEADERS = ['idempotency-key', 'if-match'] as const;

export interface TextInputFault {
  /** `q`, `id`, `operations[0].newName`, `Idempotency-Key`… */
  path: string;
  fault: TextFault | 'INVALID_PERCENT_ENCODING';
}

/**
 * Fastify's query parser turns percent-encoded bytes that are not UTF-8 (`%ED%A0%80`, `%FF`) into
 * U+FFFD; the raw query is checked instead, so such a parameter is refused rather than altered.
 */
function percentEncodingFault(url: string): TextInputFault | undefined {
  const query = url.indexOf('?') < 0 ? '' : url.slice(url.indexOf('?') + 1);
  for (const pair of query.split('&')) {
    const [key, value = ''] = pair.split('=', 2);
    try {
      decodeURIComponent(value.replaceAll('+', ' '));
      decodeURIComponent(key.replaceAll('+', ' '));
    } catch {
      let name = key;
      try {
        name = decodeURIComponent(key);
      } catch {
        // the key itself is malformed: name it as sent
      }
      return { path: name, fault: 'INVALID_PERCENT_ENCODING' };
    }
  }
  return undefined;
}

/** The first string (key or value) of a parsed value that is not acceptable text; iterative, any depth. */
function faultIn(value: unknown, root: PropertyKey[], lineBreaks: boolean): TextInputFault | undefined {
  const pending: [unknown, PropertyKey[]][] = [[value, root]];
  while (pending.length > 0) {
    const [item, path] = pending.pop() as [unknown, PropertyKey[]];
    if (typeof item === 'string') {
      const fault = textFault(item, { lineBreaks });
      if (fault) return { path: formatPath(path) || 'body', fault };
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    for (const [key, child] of Object.entries(item)) {
      const childPath = [...path, Array.isArray(item) ? Number(key) : key];
      const keyFault = textFault(key);
      if (keyFault) return { path: formatPath(childPath), fault: keyFault };
      pending.push([child, childPath]);
    }
  }
  return undefined;
}

/** Nothing to check (most queries' shape: no parameters, no query, no input header, no body), without allocating. */
function hasNoInput(request: Pick<FastifyRequest, 'url' | 'params' | 'headers' | 'body'>): boolean {
  if (request.body !== undefined || request.url.includes('?')) return false;
  for (const name of INPUT_HEADERS) if (request.headers[name] !== undefined) return false;
  const params = request.params;
  if (params === null || params === undefined) return true;
  if (typeof params !== 'object') return false;
  for (const key in params) if (Object.hasOwn(params, key)) return false;
  return true;
}

const INVALID_PERCENT_ENCODING = (field: string) => messageText('http.percentEncoding.query', { field });

const headerName = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());

/** Where the request's text input (path params, query, input headers, body) breaks the text rule, if anywhere. */
export function textInputFault(request: Pick<FastifyRequest, 'url' | 'params' | 'query' | 'headers' | 'body'>): TextInputFault | undefined {
  if (hasNoInput(request)) return undefined;
  const headers = Object.fromEntries(INPUT_HEADERS.filter((name) => request.headers[name] !== undefined).map((name) => [headerName(name), request.headers[name]]));
  return faultIn(request.params, [], false) ?? percentEncodingFault(request.url) ?? faultIn(request.query, [], false) ?? faultIn(headers, [], false) ?? faultIn(request.body, [], true);
}

/**
 * Refuses control characters and lone surrogates in every text input, once for every route, before
 * guards, pipes and handlers see the request: 400 VALIDATION_FAILED naming the field. Bearer tokens
 * are checked where they are verified (their claims), multipart files where they are read.
 */
export function guardTextInput(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    const found = textInputFault(request);
    if (!found) return done();
    const detail = found.fault === 'INVALID_PERCENT_ENCODING' ? INVALID_PERCENT_ENCODING(found.path) : TEXT_FAULT_DETAILS[found.fault](found.path);
    done(new ProblemException({ code: 'VALIDATION_FAILED', detail, errors: [{ path: found.path, code: found.fault, detail }] }));
  });
}
