import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '@reorg/http';
import { PrincipalDto } from './auth.dto';
import { CurrentPrincipal } from './current-principal.decorator';
import type { Principal } from './principal';

@ApiTags('auth')
@Controller('api/v1/auth')
export class MeController {
  @Get('me')
  @ApiOperation({ summary: 'The caller as the token describes them' })
  @ApiOkResponse({ type: PrincipalDto })
  @ApiProblemResponses(401)
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
