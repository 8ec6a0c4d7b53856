import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionalRepository } from '@cbm/core';
import { ImplementationPlanEntity } from './implementation-plan.entity';

@Injectable()
export class ImplementationPlanRepository extends TransactionalRepository {
  private repo() {
    return this.manager.getRepository(ImplementationPlanEntity);
  }

  find(requestId: string): Promise<ImplementationPlanEntity | null> {
    if (!requestId) return Promise.resolve(null);
    return this.repo().findOne({ where: { requestId } });
  }

  findMany(requestIds: string[]): Promise<ImplementationPlanEntity[]> {
    if (!requestIds.length) return Promise.resolve([]);
    return this.repo().find({ where: { requestId: In(requestIds) } });
  }

  async insert(p: ImplementationPlanEntity): Promise<void> {
    await this.repo().insert(p);
  }

  /** Replaces the plan when the version still matches. */
  async replace(p: ImplementationPlanEntity, expectedVersion: number): Promise<boolean> {
    const { requestId, version: _v, ...fields } = p;
    const res = await this.repo()
      .createQueryBuilder()
      .update()
      .set({ ...(fields as object), version: expectedVersion + 1 })
      .where('request_id = :requestId AND version = :v', { requestId, v: expectedVersion })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /** Report due dates of requests in implementation falling on or before `until` (YYYY-MM-DD) not yet reminded of. */
  async dueReports(until: string, limit: number): Promise<{ requestId: string; dueDate: string }[]> {
    const rows: { request_id: string; due: string }[] = await this.manager.query(
      `SELECT ip.request_id, d::text AS due FROM implementation_plan ip JOIN support_request r ON r.id = ip.request_id
         CROSS JOIN LATERAL unnest(ip.report_due_dates) d
        WHERE r.status = 'in_implementation' AND d <= $1::date AND NOT (d = ANY(ip.reminded_due_dates))
        ORDER BY d LIMIT $2`,
      [until, limit],
    );
    return rows.map((r) => ({ requestId: r.request_id, dueDate: r.due }));
  }

  /** Idempotent: adds the date once. */
  async markReminded(requestId: string, dueDate: string): Promise<boolean> {
    const res: unknown = await this.manager.query(
      `UPDATE implementation_plan SET reminded_due_dates = array_append(reminded_due_dates, $2::date)
        WHERE request_id = $1 AND NOT ($2::date = ANY(reminded_due_dates)) RETURNING request_id`,
      [requestId, dueDate],
    );
    return Array.isArray(res) && Array.isArray(res[0]) ? res[0].length > 0 : Array.isArray(res) && res.length > 0;
  }
}
