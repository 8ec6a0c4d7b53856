import { Global, Module } from '@nestjs/common';
import { AuthModule } from '@cbm/auth';
import { Mailer } from './mailer';
import { NotificationController } from './notification.controller';
import { NotificationRepository } from './notification.repository';
import { NotificationService } from './notification.service';

@Global()
@Module({
  imports: [AuthModule],
  controllers: [NotificationController],
  providers: [Mailer, NotificationRepository, NotificationService],
  exports: [NotificationService, Mailer],
})
export class NotificationsModule {}
