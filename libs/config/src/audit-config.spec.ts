import { AppConfig } from './app-config';

describe('audit checkpoint key settings', () => {
  it('names no key file by default', () => {
    expect(AppConfig.fromEnv({}).audit).toEqual({});
  });

  it('reads the signing and public key files', () => {
    expect(AppConfig.fromEnv({ AUDIT_SIGNING_KEY_FILE: '/run/secrets/audit-signing-key.pem', AUDIT_PUBLIC_KEY_FILE: '/etc/reorg/audit-public-key.pem' }).audit).toEqual({
      signingKeyFile: '/run/secrets/audit-signing-key.pem',
      publicKeyFile: '/etc/reorg/audit-public-key.pem',
    });
  });

  it('takes the public key alone (a verifier needs no private key)', () => {
    expect(AppConfig.fromEnv({ AUDIT_PUBLIC_KEY_FILE: 'keys/audit-public-key.pem' }).audit).toEqual({ publicKeyFile: 'keys/audit-public-key.pem' });
  });

  it('counts an empty variable as unset', () => {
    expect(AppConfig.fromEnv({ AUDIT_SIGNING_KEY_FILE: '', AUDIT_PUBLIC_KEY_FILE: '  ' }).audit).toEqual({});
  });
});
