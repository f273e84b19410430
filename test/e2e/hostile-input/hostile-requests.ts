import fc from 'fast-check';
import { type Fixtures, type Tokens, type WriteRoute, routeKey } from './hostile-bed';
import { headerValue, hostileString, nestedJson } from './hostile-values';
import { alternativeTemplates, bodyWithUnknownIds, invalidBody, validTemplates } from './invalid-bodies';
import type { RawRequest } from './raw-http';

const INVALID_UTF8 = [Buffer.from([0xc3, 0x28]), Buffer.from([0xff, 0xfe]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]), Buffer.from([0xc0, 0xaf])];
/** JSON texts whose numbers parse to Infinity, 0 or lose precision. */
const EXTREME_NUMBERS = ['1e309', '-1e309', '{"a":-1e400}', '[1e309]', '{"a":1e-400}', '-0', '123456789012345678901234567890', '{"staffingQuota":1e309}'];
const MALFORMED_SEGMENTS = ['%', '%zz', '%E0%A4%A', '%C0%AF', '%00', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%ED%A0%80', ''];

/** Percent-encodes UTF-8 bytes (encodeURIComponent throws on a lone surrogate; this sends U+FFFD's bytes). */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** Ids that exist but whose route refuses them, whatever the body (e.g. a withdrawn proposal cannot be submitted). */
function refusingIds(f: Fixtures): string[] {
  return [f.proposals.withdrawn, f.proposals.inReview, f.bodies.health];
}

/** Ids that exist: the body decides, and the body is always invalid. */
function existingIds(f: Fixtures): string[] {
  return [...refusingIds(f), f.proposals.draft, f.bodies.education];
}

function paramValue(name: string, f: Fixtures, jsonOnly: boolean): fc.Arbitrary<string> {
  const known = name === 'stepId' ? [f.pendingStepId] : name === 'number' ? [f.decisionNumber] : jsonOnly ? existingIds(f) : refusingIds(f);
  return fc.oneof(
    { arbitrary: fc.constantFrom(...known).map(percentEncode), weight: 4 },
    { arbitrary: fc.uuid().map(String), weight: 2 },
    { arbitrary: hostileString.map(percentEncode), weight: 3 },
    { arbitrary: fc.constantFrom(...MALFORMED_SEGMENTS), weight: 1 },
  );
}

const query = fc.oneof(
  fc.constant(''),
  fc.tuple(fc.constantFrom('asOf', 'knownAt', 'page', 'format', 'x', '__proto__'), hostileString).map(([key, value]) => `?${key}=${percentEncode(value)}`),
  fc.constantFrom('?%zz', '?asOf=2024-02-30', '?asOf=2017-12-31&asOf=2018-01-01', '?a[b]=1&a[c]=2', '?asOf'),
);

interface Body {
  contentType?: string;
  bytes?: Buffer;
}

const json = (value: unknown, contentType = 'application/json'): Body => ({ contentType, bytes: Buffer.from(JSON.stringify(value) ?? 'null', 'utf8') });

/**
 * Invalid UTF-8 in an extra field's key and value (decoded, they are U+FFFD: still an unknown
 * field), so that the broken bytes cannot turn an invalid field into a valid one.
 */
function brokenUtf8(body: Body, position: number, bad: Buffer): Body {
  const bytes = body.bytes ?? Buffer.alloc(0);
  if (bytes.length > 2 && bytes[bytes.length - 1] === 0x7d) {
    const field = Buffer.concat([Buffer.from(',"'), bad, Buffer.from('":"'), bad, Buffer.from('"}')]);
    return { ...body, bytes: Buffer.concat([bytes.subarray(0, bytes.length - 1), field]) };
  }
  const at = Math.min(position, bytes.length);
  return { ...body, bytes: Buffer.concat([bytes.subarray(0, at), bad, bytes.subarray(at)]) };
}

function multipart(parts: { name: string; filename?: string; type?: string; content: string }[], boundary = 'fuzzBoundary', close = true): Body {
  const lines = parts.flatMap((part) => [
    `--${boundary}`,
    `Content-Disposition: form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`,
    ...(part.type ? [`Content-Type: ${part.type}`] : []),
    '',
    part.content,
  ]);
  return { contentType: `multipart/form-data; boundary=${boundary}`, bytes: Buffer.from([...lines, close ? `--${boundary}--` : ''].join('\r\n'), 'utf8') };
}

const multipartBodies: fc.Arbitrary<Body> = fc.oneof(
  fc.tuple(hostileString, fc.constantFrom('application/pdf', 'text/html', '../../x', '', 'a/b/c;;='), hostileString).map(([filename, type, content]) => multipart([{ name: 'file', filename, type, content }])),
  fc.constant(multipart([{ name: 'file', filename: 'a.pdf', content: 'A' }, { name: 'file', filename: 'b.pdf', content: 'B' }])),
  fc.constant(multipart([{ name: 'note', content: 'no file here' }])),
  fc.constant(multipart([{ name: 'file', filename: 'a.pdf', content: 'truncated' }], 'fuzzBoundary', false)),
  fc.constant({ contentType: 'multipart/form-data; boundary=other', bytes: multipart([{ name: 'file', filename: 'a.pdf', content: 'x' }]).bytes }),
  fc.constant({ contentType: 'multipart/form-data', bytes: Buffer.from('no boundary') }),
  fc.constant(multipart([{ name: 'file', filename: 'x'.repeat(10_000), content: 'x' }])),
  fc.constant(multipart([])),
);

const wrongContentType: fc.Arbitrary<Body> = fc
  .tuple(
    fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/json; charset=utf-16', 'a/b/c;;=', 'application/problem+json', ''),
    fc.oneof(hostileString, fc.constant('{"code":"X"}')),
  )
  .map(([contentType, text]) => ({ contentType: contentType || undefined, bytes: Buffer.from(text, 'utf8') }));

function bodiesFor(route: WriteRoute, template: unknown): fc.Arbitrary<Body> {
  const invalidJson = template === undefined ? fc.jsonValue({ maxDepth: 4 }) : invalidBody(template as never);
  const arbitraries: fc.WeightedArbitrary<Body>[] = [
    { arbitrary: invalidJson.map((value) => json(value)), weight: 8 },
    { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => json(value)), weight: 2 },
    { arbitrary: fc.tuple(invalidJson, fc.nat(), fc.constantFrom(...INVALID_UTF8)).map(([value, at, bad]) => brokenUtf8(json(value), at, bad)), weight: 2 },
    { arbitrary: fc.tuple(invalidJson, fc.nat()).map(([value, cut]) => { const body = json(value); return { ...body, bytes: body.bytes?.subarray(0, cut % Math.max(1, body.bytes.length)) }; }), weight: 1 },
    { arbitrary: fc.tuple(fc.integer({ min: 100, max: 12_000 }), fc.constantFrom<'array' | 'object'>('array', 'object')).map(([depth, kind]) => ({ contentType: 'application/json', bytes: Buffer.from(nestedJson(depth, kind)) })), weight: 1 },
    { arbitrary: wrongContentType, weight: 1 },
    { arbitrary: fc.constantFrom<Body>({}, { contentType: 'application/json' }, { contentType: 'application/json', bytes: Buffer.from('null') }), weight: 1 },
    { arbitrary: fc.constantFrom(...EXTREME_NUMBERS).map((text) => ({ contentType: 'application/json', bytes: Buffer.from(text) })), weight: 1 },
  ];
  if (route.bodyTypes.includes('text/csv')) {
    arbitraries.push({ arbitrary: hostileString.map((text) => ({ contentType: 'text/csv', bytes: Buffer.from(`${text},"\n"x`, 'utf8') })), weight: 2 });
  }
  if (route.bodyTypes.includes('multipart/form-data')) arbitraries.push({ arbitrary: multipartBodies, weight: 10 });
  return fc.oneof(...arbitraries);
}

function authorization(route: WriteRoute, tokens: Tokens): fc.Arbitrary<string | undefined> {
  const all = [tokens.admin, tokens.proposer, tokens.appraiser];
  return fc.oneof(
    ...(route.authorised.length > 0 ? [{ arbitrary: fc.constantFrom(...route.authorised).map((token) => `Bearer ${token}`), weight: 12 }] : []),
    { arbitrary: fc.constantFrom(...all).map((token) => `Bearer ${token}`), weight: 2 },
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: fc.oneof(headerValue(), fc.constant(`Bearer ${tokens.admin}x`), fc.constant('Basic YWRtaW46YWRtaW4='), fc.constant('Bearer ')), weight: 1 },
  );
}

const extraHeaders = fc.record(
  {
    'if-match': fc.oneof(fc.constantFrom('"1"', '*', 'W/"1"', '"abc"', '"-1"', '"1.5"', '"99999999999999999999999"', '1', '""', '"1", "2"', '"0"'), headerValue(20)),
    'idempotency-key': fc.oneof(fc.uuid().map(String), headerValue(300)),
    'accept-language': fc.oneof(fc.constantFrom('en', 'vi', 'en;q=abc', '*', 'zz-ZZ,en;q=0.1'), headerValue(40)),
  },
  { requiredKeys: [] },
);

/** Path params that name nothing: the route answers 404 whatever the body. */
function unknownParams(route: WriteRoute): fc.Arbitrary<string[]> {
  return fc.tuple(...route.params.map((name) => (name === 'number' ? hostileString.map((text) => percentEncode(`${text}/QĐ`)) : fc.uuid().map(String))));
}

/** Params and body: mostly an invalid body; sometimes a well-formed one naming things that do not exist. */
function paramsAndBody(route: WriteRoute, fixtures: Fixtures, template: unknown): fc.Arbitrary<{ params: string[]; body: Body }> {
  // A route whose body is not always invalid (none, or multipart) must never name an id it would accept.
  const jsonOnly = route.bodyTypes.length > 0 && route.bodyTypes.every((type) => type === 'application/json' || type === 'text/csv');
  const invalid = fc.record({ params: fc.tuple(...route.params.map((name) => paramValue(name, fixtures, jsonOnly))), body: bodiesFor(route, template) });
  const wellFormed = template === undefined ? undefined : bodyWithUnknownIds(template as never);
  if (!wellFormed && route.params.length === 0) return invalid;
  const refusedByReference = fc.record({
    params: route.params.length > 0 ? unknownParams(route) : fc.constant<string[]>([]),
    body: (wellFormed ?? fc.constant(template)).map((value) => json(value)),
  });
  return fc.oneof({ arbitrary: invalid, weight: 4 }, { arbitrary: refusedByReference, weight: 1 });
}

/** Hostile requests to one write route: every one must be refused with a 4xx problem. */
export function hostileRequests(route: WriteRoute, fixtures: Fixtures, tokens: Tokens): fc.Arbitrary<RawRequest> {
  const key = routeKey(route);
  const templates = [validTemplates(fixtures)[key], ...(alternativeTemplates(fixtures)[key] ?? [])];
  const parts = templates.length === 1 ? paramsAndBody(route, fixtures, templates[0]) : fc.constantFrom(...templates).chain((template) => paramsAndBody(route, fixtures, template));
  return fc.record({ parts, query, auth: authorization(route, tokens), headers: extraHeaders }).map(({ parts, query: search, auth, headers }) => {
    const path = route.params.reduce((text, name, i) => text.replace(`{${name}}`, parts.params[i]), route.path) + search;
    return {
      method: route.method,
      path,
      headers: { ...headers, ...(auth === undefined ? {} : { authorization: auth }), ...(parts.body.contentType === undefined ? {} : { 'content-type': parts.body.contentType }) },
      body: parts.body.bytes,
    };
  });
}
