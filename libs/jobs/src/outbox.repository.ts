import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Database, EntityRows, WriteBatch } from '@cbm/core';
import { EntityManager } from 'typeorm';
import { OutboxEntity } from './outbox.entity';

@Injectable()
export class OutboxRepository {
  /** A row dispatched this long ago and not done is dispatched again (a lost job). */
  private readonly redispatchAfterSeconds: number;

  constructor(
    private readonly db: Database,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.redispatchAfterSeconds = config.outboxRedispatchSeconds;
    this.rows = new EntityRows(db.dataSource, OutboxEntity, 'o');
  }

  private readonly rows: EntityRows<OutboxEntity>;

  /** How long an effect job's claim lasts: a lapsed one is dispatched again by the relay. */
  get effectLeaseSeconds(): number {
    return this.redispatchAfterSeconds;
  }

  /** The rows as parts of a transaction's write batch. */
  insert(batch: WriteBatch, rows: OutboxEntity[]): void {
    this.rows.insert(batch, rows);
  }

  /** Claims due rows; SKIP LOCKED lets several relays run side by side. */
  async claimDue(now: Date, limit: number): Promise<{ id: string; job_name: string }[]> {
    const rows: unknown[] = await this.db.query(
      `UPDATE outbox SET dispatched_at = $1
        WHERE id IN (SELECT id FROM outbox
                      WHERE status = 'pending' AND available_at <= $1
                        AND (dispatched_at IS NULL OR dispatched_at < $1::timestamptz - make_interval(secs => $3))
                      ORDER BY available_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id, job_name`,
      [now, limit, this.redispatchAfterSeconds],
    );
    // TypeORM returns [rows, count] for UPDATE ... RETURNING on postgres
    return Array.isArray(rows[0])
      ? (rows[0] as { id: string; job_name: string }[])
      : (rows as { id: string; job_name: string }[]);
  }

  async release(id: string, retryAt: Date): Promise<void> {
    await this.db.query('UPDATE outbox SET dispatched_at = NULL, available_at = $2 WHERE id = $1 AND status = $3', [
      id,
      retryAt,
      'pending',
    ]);
  }

  /** Locks the row so two deliveries of the same job do not both run it. */
  async lockForRun(
    m: EntityManager,
    id: string,
  ): Promise<Pick<OutboxEntity, 'id' | 'jobName' | 'payload' | 'status' | 'attempts'> | null> {
    const rows: Pick<OutboxEntity, 'id' | 'jobName' | 'payload' | 'status' | 'attempts'>[] = await m.query(
      'SELECT id, job_name AS "jobName", payload, status, attempts FROM outbox WHERE id = $1 FOR UPDATE SKIP LOCKED',
      [id],
    );
    return rows[0] ?? null;
  }

  async markDone(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.query(`UPDATE outbox SET status = 'done', processed_at = $2, last_error = NULL WHERE id = $1`, [id, at]);
  }

  /**
   * Claims a pending effect job for `leaseSeconds` (one statement, no lock held afterwards): another
   * delivery of it is skipped until the lease ends; a worker that dies mid-effect lets it lapse.
   */
  async claimEffect(
    id: string,
    now: Date,
    leaseSeconds: number,
  ): Promise<Pick<OutboxEntity, 'jobName' | 'payload' | 'attempts'> | null> {
    const rows: unknown[] = await this.db.query(
      `UPDATE outbox SET running_until = $2::timestamptz + make_interval(secs => $3)
        WHERE id = $1 AND status = 'pending' AND (running_until IS NULL OR running_until < $2)
        RETURNING job_name AS "jobName", payload, attempts`,
      [id, now, leaseSeconds],
    );
    // TypeORM returns [rows, count] for UPDATE ... RETURNING on postgres
    const found = (Array.isArray(rows[0]) ? rows[0] : rows) as Pick<OutboxEntity, 'jobName' | 'payload' | 'attempts'>[];
    return found[0] ?? null;
  }

  /** The job's name, to tell an effect job from a transactional one before running it. */
  async jobName(id: string): Promise<string | null> {
    const rows: { job_name: string }[] = await this.db.query('SELECT job_name FROM outbox WHERE id = $1', [id]);
    return rows[0]?.job_name ?? null;
  }

  async markEffectDone(id: string, at: Date): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET status = 'done', processed_at = $2, last_error = NULL, running_until = NULL WHERE id = $1 AND status = 'pending'`,
      [id, at],
    );
  }

  async markAttemptFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET attempts = attempts + 1, last_error = $2, dispatched_at = NULL, running_until = NULL,
              status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE status END,
              available_at = COALESCE($3::timestamptz, available_at)
        WHERE id = $1 AND status = 'pending'`,
      [id, error.slice(0, 2000), retryAt],
    );
  }

  async counts(): Promise<Record<string, number>> {
    const rows: { status: string; n: string }[] = await this.db.query(
      'SELECT status, count(*)::text AS n FROM outbox GROUP BY status',
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
