import { NotificationEntity } from './notification.entity';

export * from './notifications.module';
export * from './notification.service';
export * from './mailer';
export * from './notification.entity';
export const NOTIFICATIONS_ENTITIES = [NotificationEntity];
