import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotificationQueries, type NotificationView } from '@reorg/messaging';

export class ListNotifications extends Query<NotificationView[]> {
  constructor(
    readonly recipient: string,
    readonly roles: readonly string[],
  ) {
    super();
  }
}

@QueryHandler(ListNotifications)
export class ListNotificationsHandler implements IQueryHandler<ListNotifications> {
  constructor(@Inject(NotificationQueries) private readonly notifications: NotificationQueries) {}

  execute({ recipient, roles }: ListNotifications) {
    return this.notifications.forRecipient(recipient, roles);
  }
}
