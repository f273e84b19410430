import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AppConfig } from '@reorg/config';
import { AuthenticationGuard } from './authentication.guard';
import type { ConsoleConfig } from './auth.dto';
import { CachingTokenVerifier } from './caching-token.verifier';
import { CONSOLE_CONFIG, ConsoleConfigController } from './console-config.controller';
import { DevTokenController } from './dev-token.controller';
import { devTokenSecretFromFile } from './dev-token-secret';
import { DevTokenService } from './dev-token.service';
import { JwksTokenVerifier } from './jwks-token.verifier';
import { MeController } from './me.controller';
import { RolesGuard } from './roles.guard';
import { TokenVerifier } from './token-verifier';

/** Bearer authentication on every route (except @Public()), @Roles() authorization, and the auth routes. */
@Module({})
export class AuthModule {
  static forRoot(auth: AppConfig['auth']): DynamicModule {
    const verifier: Provider[] =
      auth.mode === 'dev'
        ? [
            {
              provide: DevTokenService,
              useFactory: () => new DevTokenService({ devTokenSecret: auth.devTokenSecret ?? devTokenSecretFromFile(auth.devTokenSecretFile), devTokenTtlSeconds: auth.devTokenTtlSeconds }),
            },
            { provide: TokenVerifier, inject: [DevTokenService], useFactory: (devTokens: DevTokenService) => new CachingTokenVerifier(devTokens) },
          ]
        : [{ provide: TokenVerifier, useValue: new CachingTokenVerifier(new JwksTokenVerifier(auth)) }];
    const consoleConfig: ConsoleConfig =
      auth.mode === 'dev' ? { mode: 'dev' } : { mode: 'jwt', oidc: { authority: auth.issuer, clientId: auth.console.clientId, scope: auth.console.scope } };
    return {
      module: AuthModule,
      controllers: auth.mode === 'dev' ? [DevTokenController, MeController, ConsoleConfigController] : [MeController, ConsoleConfigController],
      // Guard order matters: authentication first, then roles.
      providers: [...verifier, { provide: CONSOLE_CONFIG, useValue: consoleConfig }, { provide: APP_GUARD, useClass: AuthenticationGuard }, { provide: APP_GUARD, useClass: RolesGuard }],
      exports: [TokenVerifier],
    };
  }
}
