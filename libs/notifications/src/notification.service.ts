import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock, errorFactory, newId, queueBeforeCommit } from '@cbm/core';
import { JobContext, JobRegistry, OutboxService } from '@cbm/jobs';
import { UserRepository } from '@cbm/auth';
import { EntityManager } from 'typeorm';
import { Mailer } from './mailer';
import { NotificationEntity } from './notification.entity';
import { NotificationRepository } from './notification.repository';

export const NotificationError = errorFactory({ NOTIFICATION_NOT_FOUND: 404 });

export interface NotifyInput {
  userIds: string[];
  kind: string;
  title: string;
  body: string;
  entityType?: string;
  entityId?: string;
}

export const SEND_EMAILS_JOB = 'send-notification-emails';

@Injectable()
export class NotificationService implements OnModuleInit {
  constructor(
    private readonly repo: NotificationRepository,
    private readonly outbox: OutboxService,
    private readonly registry: JobRegistry,
    private readonly users: UserRepository,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register<{ notificationIds: string[] }>(
      SEND_EMAILS_JOB,
      { handle: (p, ctx) => this.sendEmails(p.notificationIds, ctx) },
      'cbm-notifications',
    );
  }

  /** In-app rows now, in the caller's transaction; e-mails after commit through the outbox. */
  async notify(m: EntityManager, input: NotifyInput): Promise<string[]> {
    const userIds = [...new Set(input.userIds)];
    if (!userIds.length) return [];
    const now = this.clock.now();
    const rows = userIds.map((userId) =>
      Object.assign(new NotificationEntity(), {
        id: newId(),
        userId,
        kind: input.kind,
        title: input.title,
        body: input.body,
        entityType: input.entityType ?? null,
        entityId: input.entityId ?? null,
        readAt: null,
        emailedAt: null,
        createdAt: now,
      }),
    );
    // in a Database.transaction the rows go with COMMIT (one INSERT for the transaction's
    // notifications, in the message that commits); on a bare manager at once
    if (!queueBeforeCommit(m, this, rows, (queued) => this.repo.insertStatement(queued)))
      await this.repo.insertMany(m, rows);
    const ids = rows.map((r) => r.id);
    await this.outbox.enqueue(m, SEND_EMAILS_JOB, { notificationIds: ids });
    return ids;
  }

  /** Idempotent: a notification already e-mailed is skipped (the marks commit with the job's row). */
  private async sendEmails(ids: string[], { manager }: JobContext): Promise<void> {
    const sent: string[] = [];
    const pending = await this.repo.pendingEmail(manager, ids);
    const emails = await this.users.activeEmails([...new Set(pending.map((n) => n.userId))], manager);
    for (const n of pending) {
      const to = emails.get(n.userId);
      if (to) await this.mailer.send({ to, subject: n.title, text: n.body });
      sent.push(n.id);
    }
    await this.repo.markEmailed(manager, sent, this.clock.now());
  }

  async list(userId: string, unreadOnly: boolean, beforeId: string | undefined, limit: number) {
    const rows = await this.repo.listFor(userId, unreadOnly, beforeId, limit);
    return rows;
  }

  unreadCount(userId: string) {
    return this.repo.unreadCount(userId);
  }

  async markRead(userId: string, id: string): Promise<void> {
    if (!(await this.repo.markRead(userId, id, this.clock.now())))
      throw NotificationError('NOTIFICATION_NOT_FOUND', 'no such notification');
  }
}
