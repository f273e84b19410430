import { Controller, Get, Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, ROLES, Roles } from '@reorg/auth';
import { ApiProblemResponses } from '@reorg/http';
import type { NotificationView } from '@reorg/messaging';
import { ListNotifications } from './notifications.queries';

@ApiTags('notifications')
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'The caller’s own notifications',
    description: 'Addressed to one of the caller’s roles (a step awaiting it, an overdue step) or to the caller; newest first. `resolvedAt` is set once the step was decided or cancelled.',
  })
  @ApiProblemResponses(401, 403)
  async list(@CurrentPrincipal() principal: Principal): Promise<{ items: NotificationView[] }> {
    return { items: await this.queries.execute(new ListNotifications(principal.sub, principal.roles)) };
  }
}
