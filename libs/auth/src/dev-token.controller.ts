import { Body, Controller, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblemResponses, messageText } from '@reorg/http';
import { Public } from './auth-metadata';
import { forbidden } from './auth-problems';
import { DevTokenRequestDto, DevTokenResponseDto } from './auth.dto';
import { DevTokenService, type IssuedToken } from './dev-token.service';
import { isLoopbackAddress } from './loopback';

/** Registered only when AUTH_MODE=dev; otherwise the route does not exist (404). */
@ApiTags('auth')
@Controller('api/v1/auth')
export class DevTokenController {
  constructor(private readonly tokens: DevTokenService) {}

  @Public()
  @Post('dev-token')
  @ApiOperation({
    summary: 'Issue a development token (AUTH_MODE=dev only, loopback clients only)',
    description: 'Exists only while AUTH_MODE=dev; answers 404 in AUTH_MODE=jwt. Refused (403) to clients not on loopback.',
  })
  @ApiCreatedResponse({ type: DevTokenResponseDto })
  @ApiProblemResponses(400, 403)
  issue(@Body() body: DevTokenRequestDto, @Req() request: FastifyRequest): Promise<IssuedToken> {
    if (!isLoopbackAddress(request.socket.remoteAddress)) {
      throw forbidden(messageText('auth.devTokenLoopbackOnly'));
    }
    return this.tokens.issue({ sub: body.sub, name: body.name, roles: body.roles, governingBodyIds: body.governingBodyIds });
  }
}
