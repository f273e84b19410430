/** Asserts an RFC 9457 answer and returns its body. */
export async function expectProblem(response: Response, status: number, code: string): Promise<Record<string, unknown>> {
  const body = (await response.json()) as Record<string, unknown>;
  expect({ status: response.status, contentType: response.headers.get('content-type'), code: body.code }).toEqual({
    status,
    contentType: 'application/problem+json; charset=utf-8',
    code,
  });
  expect(body).toMatchObject({ type: expect.stringMatching(/^urn:reorg:problem:/), title: expect.any(String), status, detail: expect.any(String) });
  return body;
}
