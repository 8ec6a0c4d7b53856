import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Database, insertRows, insertRowsStatement, SqlValue } from '@cbm/core';
import { escapeLiteral } from 'pg';
import { EntityManager } from 'typeorm';
import { OutboxEntity } from './outbox.entity';

const COLUMNS = [
  'id',
  'job_name',
  'payload',
  'status',
  'attempts',
  'available_at',
  'dispatched_at',
  'processed_at',
  'last_error',
  'created_at',
];
const values = (r: OutboxEntity): SqlValue[] => [
  r.id,
  r.jobName,
  JSON.stringify(r.payload),
  r.status,
  r.attempts,
  r.availableAt,
  r.dispatchedAt,
  r.processedAt,
  r.lastError,
  r.createdAt,
];

@Injectable()
export class OutboxRepository {
  /** A row dispatched this long ago and not done is dispatched again (a lost job). */
  private readonly redispatchAfterSeconds: number;

  constructor(
    private readonly db: Database,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.redispatchAfterSeconds = config.outboxRedispatchSeconds;
  }

  /** The rows as one INSERT with literal values, for Database.transaction to send with COMMIT. */
  insertStatement(rows: OutboxEntity[]): string {
    return insertRowsStatement('outbox', COLUMNS, rows.map(values));
  }

  async insertMany(m: EntityManager, rows: OutboxEntity[]): Promise<void> {
    await insertRows(m, 'outbox', COLUMNS, rows.map(values));
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

  /** markDone as a literal statement, for Database.transaction to send with COMMIT. */
  markDoneStatement(id: string, at: Date): string {
    return `UPDATE outbox SET status = 'done', processed_at = ${escapeLiteral(at.toISOString())}::timestamptz, last_error = NULL WHERE id = ${escapeLiteral(id)}::uuid`;
  }

  async markAttemptFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET attempts = attempts + 1, last_error = $2, dispatched_at = NULL,
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
