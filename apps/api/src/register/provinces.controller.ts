import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Roles } from '@reorg/auth';
import { ApiProblemResponses } from '@reorg/http';
import { type CommandContext, MergeProvince } from '@reorg/register';
import { Command } from '../idempotency';
import { text } from './schemas/common.schema';
import { ProvinceMergerDto, ProvinceMergerResultDto } from './schemas/dtos';
import { parseOrRefuse } from './validation';

@ApiTags('governing bodies')
@Roles('admin')
@Controller('api/v1/provinces')
export class ProvincesController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Post(':province/merge')
  @HttpCode(200)
  @ApiOperation({
    summary: "A second province's register joins this one on a date",
    description:
      'Its governing bodies (registered with `province`) and every unit active under them on the date JOIN this register (they are not created), keeping the ' +
      'former province as their territory; one atomic append with the decision. 422 PROVINCE_UNKNOWN, PROVINCE_ALREADY_JOINED, PROVINCE_CHANGED_LATER.',
  })
  @ApiParam({ name: 'province', example: 'BAC_KAN' })
  @ApiOkResponse({ type: ProvinceMergerResultDto })
  @ApiProblemResponses(400, 403, 409, 422)
  async merge(@Param('province') province: string, @Body() body: ProvinceMergerDto, @Req() request: FastifyRequest, @Command() command: CommandContext) {
    const code = parseOrRefuse(text(50), province, request);
    const result = await this.commands.execute(new MergeProvince({ province: code, ...body }, command));
    return { province: code, joinedOn: body.effectiveDate, joinedBodyIds: result.joinedBodyIds, joinedUnitIds: result.joinedUnitIds };
  }
}
