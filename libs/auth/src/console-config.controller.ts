import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from './auth-metadata';
import { ConsoleConfigDto, type ConsoleConfig } from './auth.dto';

export const CONSOLE_CONFIG = Symbol('CONSOLE_CONFIG');

/** How the web console signs in: read before anyone has a token, so it is public and holds nothing secret. */
@ApiTags('auth')
@Controller('api/v1/auth')
export class ConsoleConfigController {
  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig) {}

  @Public()
  @Get('console-config')
  @Header('cache-control', 'no-cache')
  @ApiOperation({
    summary: 'How the web console signs in (public)',
    description: 'AUTH_MODE and, in jwt mode, the OpenID Connect issuer, the console client id and scopes (authorization code flow with PKCE).',
  })
  @ApiOkResponse({ type: ConsoleConfigDto })
  read(): ConsoleConfig {
    return this.config;
  }
}
