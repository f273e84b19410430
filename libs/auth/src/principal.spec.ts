import { isLoopbackAddress } from './loopback';
import { hasAnyRole, principalFromClaims } from './principal';

describe('principalFromClaims', () => {
  it('keeps known roles once and defaults governingBodyIds', () => {
    expect(principalFromClaims({ sub: 'a', roles: ['admin', 'admin', 'uma_authorization'] })).toEqual({ sub: 'a', roles: ['admin'], governingBodyIds: [] });
  });

  it('refuses claims that describe no user', () => {
    expect(principalFromClaims({ roles: ['admin'] })).toBeUndefined();
    expect(principalFromClaims({ sub: '', roles: [] })).toBeUndefined();
    expect(principalFromClaims({ sub: 'a', roles: 'admin' })).toBeUndefined();
    expect(principalFromClaims({ sub: 'a', governingBodyIds: 'b1' })).toBeUndefined();
  });

  it('refuses claims holding control characters or lone surrogates (they would be recorded as the actor)', () => {
    expect(principalFromClaims({ sub: 'a\u0000b', roles: ['admin'] })).toBeUndefined();
    expect(principalFromClaims({ sub: 'a', name: 'x\u001b[31m', roles: ['admin'] })).toBeUndefined();
    expect(principalFromClaims({ sub: 'a\ud800', roles: ['admin'] })).toBeUndefined();
    expect(principalFromClaims({ sub: 'a', roles: ['admin'], governingBodyIds: ['b\u0085'] })).toBeUndefined();
  });

  it('answers whether any required role is held', () => {
    const principal = { sub: 'a', roles: ['proposer' as const], governingBodyIds: [] };
    expect(hasAnyRole(principal, ['admin', 'proposer'])).toBe(true);
    expect(hasAnyRole(principal, ['admin'])).toBe(false);
  });
});

describe('isLoopbackAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['128.0.0.1', false],
    ['fe80::1', false],
    [undefined, false],
  ])('%s → %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
});
