export { ApiMessagingModule } from './api-messaging.module';
