import { Injectable } from '@nestjs/common';
import { Database, EntityRows, TransactionalRepository } from '@cbm/core';
import { PrivacyFindingEntity } from './privacy-finding.entity';

export interface Subject {
  type: string;
  id: string;
  version?: number | null;
}

/** The findings on records; every query here. */
@Injectable()
export class PrivacyFindingRepository extends TransactionalRepository {
  private readonly rows: EntityRows<PrivacyFindingEntity>;

  constructor(db: Database) {
    super(db);
    this.rows = new EntityRows(db.dataSource, PrivacyFindingEntity, 'f');
  }

  /**
   * A subject's findings (every status, or those of `statuses`), by subject, field and place; with
   * `children`, those of the records that belong to it too (its documents).
   */
  async ofSubject(
    subject: Subject,
    statuses?: readonly string[],
    fields?: readonly string[],
    children = false,
  ): Promise<PrivacyFindingEntity[]> {
    const params: unknown[] = [subject.type, subject.id];
    const where = [
      children
        ? '((f.subject_type = $1 AND f.subject_id = $2) OR (f.parent_type = $1 AND f.parent_id = $2))'
        : 'f.subject_type = $1 AND f.subject_id = $2',
      ...(statuses ? [`f.status = ANY($${params.push(statuses)}::text[])`] : []),
      ...(fields ? [`f.field = ANY($${params.push(fields)}::text[])`] : []),
    ];
    const found: Record<string, unknown>[] = await this.manager.query(
      `SELECT ${this.rows.select} FROM privacy_finding f WHERE ${where.join(' AND ')}
        ORDER BY f.subject_type <> $1, f.subject_id, f.field, f.start_offset, f.id`,
      params,
    );
    return found.map((r) => this.rows.entity(r));
  }

  /** One finding of the subject or of a record of its, locked for the override (null when it is neither's). */
  async getForUpdate(subject: Subject, id: string): Promise<PrivacyFindingEntity | null> {
    const found: Record<string, unknown>[] = await this.transaction.query(
      `SELECT ${this.rows.select} FROM privacy_finding f
        WHERE f.id = $1 AND ((f.subject_type = $2 AND f.subject_id = $3) OR (f.parent_type = $2 AND f.parent_id = $3))
        FOR UPDATE`,
      [id, subject.type, subject.id],
    );
    return found.length ? this.rows.entity(found[0]) : null;
  }

  /**
   * Serialises the scans of one subject until COMMIT, so two transactions re-scanning it at once do
   * not both add the same finding.
   */
  async lock(subject: Subject): Promise<void> {
    await this.transaction.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `privacy_finding:${subject.type}:${subject.id}`,
    ]);
  }

  /** New findings, written with the transaction's other rows just before COMMIT. */
  add(findings: PrivacyFindingEntity[]): void {
    if (findings.length) this.rows.insertBeforeCommit(this.transaction, ...findings);
  }

  /** A finding seen again: its place and the version it was seen in. */
  async moved(f: PrivacyFindingEntity): Promise<void> {
    await this.manager.query(
      `UPDATE privacy_finding SET start_offset = $2, end_offset = $3, subject_version = $4 WHERE id = $1`,
      [f.id, f.startOffset, f.endOffset, f.subjectVersion],
    );
  }

  /** Findings the text no longer holds. */
  async redacted(ids: string[], at: Date): Promise<void> {
    if (!ids.length) return;
    await this.manager.query(
      `UPDATE privacy_finding SET status = 'redacted', redacted_at = $2 WHERE id = ANY($1::uuid[]) AND status <> 'redacted'`,
      [ids, at],
    );
  }

  /** A reviewer keeps an open finding: only while it is still open (else false, nothing written). */
  async override(id: string, reason: string, byId: string, at: Date): Promise<boolean> {
    const [{ n }]: { n: number }[] = await this.manager.query(
      `WITH u AS (UPDATE privacy_finding SET status = 'overridden', override_reason = $2, overridden_by_id = $3,
          overridden_at = $4 WHERE id = $1 AND status = 'open' RETURNING id) SELECT count(*)::int AS n FROM u`,
      [id, reason, byId, at],
    );
    return n === 1;
  }
}
