/* HTTP load with autocannon (keep-alive connections, latencies from its HDR histogram in ms). */
import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  p50: number;
  p99: number;
  max: number;
  rps: number;
  bytes: number;
}

/** `count` GET requests over `connections` connections, path `path(i)` for the i-th; any non-2xx fails the bench. */
export async function load(base: string, count: number, connections: number, path: (i: number) => string, token: string): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url: base,
    connections,
    amount: count,
    // A loaded machine (load average above 10 on 2 cores) can hold a 2.5 MB answer longer than autocannon's 10 s default.
    timeout: 60,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: path(next++) }) }],
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    const statuses = Object.entries(result.statusCodeStats ?? {}).map(([status, { count: n }]) => `${status}×${n}`).join(' ');
    throw new Error(`${path(0)}…: ${result.non2xx} non-2xx (${statuses}), ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return {
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    rps: Math.round(result.requests.average),
    bytes: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
  };
}
