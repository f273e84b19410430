import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Roles } from '@reorg/auth';
import { ApiProblemResponses } from '@reorg/http';
import { type CommandContext, ProvinceMergerService } from '@reorg/register';
import { Command } from '../idempotency';
import { ReadYourWrites } from './read-your-writes';
import { text } from './schemas/common.schema';
import { ProvinceMergerDto, ProvinceMergerResultDto } from './schemas/dtos';
import { parseOrRefuse } from './validation';

@ApiTags('governing bodies')
@Roles('admin')
@Controller('api/v1/provinces')
export class ProvincesController {
  constructor(
    @Inject(ProvinceMergerService) private readonly mergers: ProvinceMergerService,
    @Inject(ReadYourWrites) private readonly readYourWrites: ReadYourWrites,
  ) {}

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
    const result = await this.mergers.merge({ province: code, ...body }, command);
    await this.readYourWrites.after(result.lastPosition);
    return { province: code, joinedOn: body.effectiveDate, joinedBodyIds: result.joinedBodyIds, joinedUnitIds: result.joinedUnitIds };
  }
}
