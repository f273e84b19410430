export { ApiMessagingModule, messagingProjections } from './api-messaging.module';
