import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@reorg/auth';
import { APPROVER_ROLES } from '@reorg/domain/approval';
import { ApiProblemResponses } from '@reorg/http';
import { GetApproverInbox } from '@reorg/read-models';
import type { InboxItem } from '@reorg/read-models/approval';
import type { Page } from '@reorg/read-models/proposals';
import { RegisterClock } from '../register/register-clock';
import { InboxPageDto, InboxQueryDto } from './dto/approval.dto';

@ApiTags('approvals')
@Controller('api/v1/approvals')
export class InboxController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    private readonly clock: RegisterClock,
  ) {}

  @Get('inbox')
  @Roles(...APPROVER_ROLES)
  @ApiOperation({
    summary: 'Proposals awaiting the caller’s sign-off',
    description: 'Proposals whose PENDING step one of the caller’s roles decides, oldest due date first; `overdue` when a StepOverdue was recorded or the due date is before today (Asia/Ho_Chi_Minh).',
  })
  @ApiOkResponse({ type: InboxPageDto })
  @ApiProblemResponses(400, 403)
  list(@Query() query: InboxQueryDto, @CurrentPrincipal() principal: Principal): Promise<Page<InboxItem>> {
    const roles = principal.roles.filter((role) => (APPROVER_ROLES as readonly string[]).includes(role));
    return this.queries.execute(new GetApproverInbox(roles, this.clock.today(), query));
  }
}
