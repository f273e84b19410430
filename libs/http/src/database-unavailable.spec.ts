import { isDatabaseUnavailable } from './database-unavailable';
import { toProblem } from './to-problem';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a restart (57P01 admin shutdown)', withCode('terminating connection due to administrator command', '57P01')],
    ['a crash (57P02)', withCode('terminating connection due to unexpected postmaster exit', '57P02')],
    ['recovery (57P03 cannot connect now)', withCode('the database system is starting up', '57P03')],
    ['a connection exception (class 08)', withCode('connection failure', '08006')],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['TypeORM wrapping the driver error', Object.assign(new Error('query failed'), { driverError: withCode('the database system is shutting down', '57P03') })],
    ['a cause', new Error('append failed', { cause: withCode('connect ECONNREFUSED', 'ECONNREFUSED') })],
    ['a transaction whose connection dropped (TypeORM released its runner)', Object.assign(new Error('Database connection provided by a query runner was already released'), { name: 'QueryRunnerProviderAlreadyReleasedError' })],
    ['the embedded store’s writer thread stopped', withCode('the SQLite writer thread stopped', 'EVENT_STORE_WRITER_STOPPED')],
    ['every address refused', Object.assign(new AggregateError([withCode('x', 'ECONNREFUSED')]), {})],
  ])('recognises %s', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a constraint violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a syntax error (a defect)', withCode('syntax error at or near', '42601')],
    ['a plain error', new Error('boom')],
    ['a non-error', 'Connection terminated'],
  ])('does not take %s for an outage', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('is answered 503 SERVICE_UNAVAILABLE with Retry-After, not logged as a defect', () => {
    const rendered = toProblem(withCode('terminating connection due to administrator command', '57P01'), 'en');
    expect(rendered).toMatchObject({ problem: { status: 503, code: 'SERVICE_UNAVAILABLE' }, headers: { 'retry-after': '2' }, unexpected: false });
    expect(rendered.problem.detail).toMatch(/database/);
  });
});
