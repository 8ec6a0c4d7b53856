import { Injectable, OnModuleInit } from '@nestjs/common';
import { BufferKind, Clock, errorFactory, FLUSH_STAGE, newId, Transaction, WriteBatch, WriteBuffer } from '@cbm/core';
import { JobRegistry, OutboxService } from '@cbm/jobs';
import { RoleScope, UserDirectory } from '@cbm/auth';
import { Mailer } from './mailer';
import { NotificationRepository } from './notification.repository';

export const NotificationError = errorFactory({ NOTIFICATION_NOT_FOUND: 404 });

/** Who hears of something: people by id, and everyone active in these roles and scopes. */
export interface Audience {
  userIds?: string[];
  scopes?: RoleScope[];
}

/** One thing to tell people, in the app and by e-mail. */
export interface Notice {
  to: Audience;
  /** Never told of their own action. */
  except?: string;
  kind: string;
  title: string;
  body: string;
  entityType?: string;
  entityId?: string;
}

export const SEND_EMAILS_JOB = 'send-notification-emails';

/**
 * The notices of one transaction, written just before COMMIT in its batch: per notice, the
 * audience resolved and its in-app notifications inserted by one statement part; then one outbox
 * job that e-mails them all after COMMIT.
 */
export class Notifier implements WriteBuffer {
  private readonly notices: Notice[] = [];

  constructor(
    private readonly service: NotificationService,
    t: Transaction,
  ) {
    t.afterCommit(() => service.outbox.committed());
  }

  add(notice: Notice): void {
    this.notices.push(notice);
  }

  write(batch: WriteBatch): void {
    if (this.notices.length) this.service.write(batch, this.notices);
  }
}

@Injectable()
export class NotificationService implements OnModuleInit {
  private readonly notifier = new BufferKind('notifications', FLUSH_STAGE.notifications, (t) => new Notifier(this, t));

  constructor(
    private readonly repo: NotificationRepository,
    readonly outbox: OutboxService,
    private readonly registry: JobRegistry,
    private readonly users: UserDirectory,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.registerEffect<{ notificationIds: string[] }>(
      SEND_EMAILS_JOB,
      { perform: (p) => this.sendEmails(p.notificationIds) },
      'cbm-notifications',
    );
  }

  /** Transaction `t`'s notices: `tx.notify` of a unit of work. */
  in(t: Transaction): Notifier {
    return t.buffer(this.notifier);
  }

  /** Batch parts: each notice's notifications, one per person in its audience, then the e-mail job for them all. */
  write(batch: WriteBatch, notices: Notice[]): void {
    const now = this.clock.now();
    const written = notices.map((n) =>
      batch.add(
        (bind) => `INSERT INTO notification (id, user_id, kind, title, body, entity_type, entity_id, created_at)
          SELECT uuid_v7(), p.id, ${bind(n.kind)}::text, ${bind(n.title)}::text, ${bind(n.body)}::text,
                 ${bind(n.entityType ?? null)}::text, ${bind(n.entityId ?? null)}::text, ${bind(now)}::timestamptz
            FROM (${this.users.activeIdsSql(n.to.scopes ?? [], bind)}
                  UNION SELECT unnest(${bind(n.to.userIds ?? [])}::uuid[])) p
           WHERE p.id IS DISTINCT FROM ${bind(n.except ?? null)}::uuid
          RETURNING id`,
      ),
    );
    batch.add(
      (bind) => `INSERT INTO outbox (id, job_name, payload, status, attempts, available_at, created_at)
        SELECT ${bind(newId())}::uuid, ${bind(SEND_EMAILS_JOB)}::text, jsonb_build_object('notificationIds', jsonb_agg(n.id ORDER BY n.id)),
               'pending', 0, ${bind(now)}::timestamptz, ${bind(now)}::timestamptz
          FROM (${written.map((w) => `SELECT id FROM ${w}`).join(' UNION ALL ')}) n
        HAVING count(*) > 0`,
    );
  }

  /**
   * After COMMIT, with no transaction open and no row locked while mail goes out: each notice not yet
   * e-mailed is sent, then marked. At least once: a worker dying between the two sends it again.
   */
  private async sendEmails(ids: string[]): Promise<void> {
    const pending = await this.repo.pendingEmail(ids);
    const emails = await this.users.activeEmails([...new Set(pending.map((n) => n.userId))]);
    for (const n of pending) {
      const to = emails.get(n.userId);
      if (to) await this.mailer.send({ to, subject: n.title, text: n.body });
      await this.repo.markEmailed([n.id], this.clock.now());
    }
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
