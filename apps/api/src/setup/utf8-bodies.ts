import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatPath, messageText, ProblemException, type ProblemItemInit } from '@reorg/http';

/** Request bodies are UTF-8 (RFC 8259 §8.1 for JSON); a declared charset must say so. */
const UTF8_CHARSETS = new Set(['utf-8', 'utf8']);
const CHARSET = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i;

/** The charset the Content-Type declares, lower-cased; undefined when it declares none. */
export function declaredCharset(contentType: string | undefined): string | undefined {
  const match = contentType === undefined ? null : CHARSET.exec(contentType);
  return match ? (match[1] ?? match[2]).toLowerCase() : undefined;
}

/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode Table 3-7: no
 * overlong forms, no encoded surrogates such as ED A0 80, nothing above U+10FFFF), or -1. Only used to
 * say where a body the strict decoder refused goes wrong.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    let [length, low, high] = [0, 0x80, 0xbf];
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead === 0xe0) [length, low] = [3, 0xa0];
    else if (lead === 0xed) [length, high] = [3, 0x9f];
    else if (lead >= 0xe1 && lead <= 0xef) length = 3;
    else if (lead === 0xf0) [length, low] = [4, 0x90];
    else if (lead === 0xf4) [length, high] = [4, 0x8f];
    else if (lead >= 0xf1 && lead <= 0xf3) length = 4;
    else return i;
    for (let k = 1; k < length; k++) {
      const byte = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (byte === undefined || byte < min || byte > max) return i;
    }
    i += length;
  }
  return -1;
}

/** Private-use characters: cannot be confused with anything a client meant. */
const MARKER = '\uF8FF\uF8FEnot-utf-8\uF8FD';

/** Which string (value or field name) of a JSON body the bytes at `offset` fall in, if the body parses once they are marked. */
function jsonFieldAt(bytes: Buffer, offset: number): string | undefined {
  const lossy = new TextDecoder('utf-8');
  const text = `${lossy.decode(bytes.subarray(0, offset))}${MARKER}${lossy.decode(bytes.subarray(offset + 1))}`;
  if (text.split(MARKER).length !== 2) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const pending: [unknown, PropertyKey[]][] = [[parsed, []]];
  while (pending.length > 0) {
    const [item, path] = pending.pop() as [unknown, PropertyKey[]];
    if (typeof item === 'string') {
      if (item.includes(MARKER)) return formatPath(path) || 'body';
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    for (const [key, child] of Object.entries(item)) {
      const childPath = [...path, Array.isArray(item) ? Number(key) : key];
      if (key.includes(MARKER)) return formatPath([...path, key.replace(MARKER, '\uFFFD')]);
      pending.push([child, childPath]);
    }
  }
  return undefined;
}

function invalidUtf8(bytes: Buffer, json: boolean): ProblemException {
  const offset = Math.max(0, invalidUtf8Offset(bytes));
  const field = json ? jsonFieldAt(bytes, offset) : undefined;
  const item: ProblemItemInit = field
    ? { path: field, code: 'INVALID_UTF8', detail: messageText('http.utf8.fieldItem', { field, offset }) }
    : { path: 'body', code: 'INVALID_UTF8', detail: messageText('http.utf8.bodyItem', { offset }) };
  const detail = field ? messageText('http.utf8.field', { field, offset }) : messageText('http.utf8.body', { offset });
  return new ProblemException({ code: 'VALIDATION_FAILED', detail, errors: [item] });
}

function unsupportedCharset(charset: string): ProblemException {
  return new ProblemException({
    code: 'UNSUPPORTED_MEDIA_TYPE',
    detail: messageText('http.charset', { charset }),
    errors: [{ path: 'Content-Type', code: 'UNSUPPORTED_CHARSET', detail: messageText('http.charsetItem', { charset }) }],
  });
}

/** The body as text, refusing a declared charset other than UTF-8 (415) and bytes that are not UTF-8 (400); a leading BOM is dropped. */
export function decodeUtf8Body(request: Pick<FastifyRequest, 'headers'>, bytes: Buffer, json: boolean): string {
  const charset = declaredCharset(request.headers['content-type']);
  if (charset !== undefined && !UTF8_CHARSETS.has(charset)) throw unsupportedCharset(charset);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalidUtf8(bytes, json);
  }
}

/**
 * JSON and CSV bodies are decoded strictly instead of Fastify's lenient UTF-8 (which stores U+FFFD
 * for every bad byte); JSON is then parsed by Fastify's own parser (prototype-poisoning checks kept).
 */
export function strictUtf8Bodies(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, bytes, done) => {
    let text: string;
    try {
      text = decodeUtf8Body(request, bytes as Buffer, true);
    } catch (error) {
      return done(error as Error, undefined);
    }
    parseJson(request, text, done);
  });
  fastify.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (request, bytes, done) => {
    try {
      done(null, decodeUtf8Body(request, bytes as Buffer, false));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
