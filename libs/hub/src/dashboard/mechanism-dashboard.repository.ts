import { Injectable } from '@nestjs/common';
import { TransactionalRepository } from '@cbm/core';
import type { FundDeliveryFacts } from '../ports';
import type { DurationRow, PartnerCounts, RequestCountRow, ServiceLevelRow } from './mechanism-dashboard';

const QUARTER = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-"Q"Q')`;

/**
 * The mechanism's dashboard read model: counts, medians and rates computed in SQL from the request timeline,
 * the service-level clock columns, the plans and reports, and what the fund gave (first transfers, money by
 * organisation) passed in as arrays. Regions come from the reference data (`country → M49 region`), passed
 * in the same way. Aggregates only: no person is named.
 */
@Injectable()
export class MechanismDashboardRepository extends TransactionalRepository {
  /**
   * Requests filed (first `submit` on the timeline) by quarter × status × region × objective, and by quarter ×
   * status × region over all objectives (`objective` null, each request once).
   */
  async requestCounts(regions: [string[], string[]]): Promise<RequestCountRow[]> {
    const rows: { quarter: string; status: string; region: string; objective: number | null; count: number }[] =
      await this.manager.query(
        `WITH geo AS (SELECT * FROM unnest($1::text[], $2::text[]) AS g("country_code", "region")),
              filed AS (
                SELECT r."id", r."status", COALESCE(g."region", 'Unknown') AS "region", r."objectives", s."filed_at"
                  FROM "support_request" r
                  JOIN (SELECT e."request_id", MIN(e."at") AS "filed_at" FROM "request_timeline_entry" e
                         WHERE e."kind" = 'transition' AND e."action" = 'submit' GROUP BY e."request_id") s
                    ON s."request_id" = r."id"
                  LEFT JOIN geo g ON g."country_code" = r."country_code"::text)
         SELECT ${QUARTER('f."filed_at"')} AS "quarter", f."status", f."region", o."objective",
                COUNT(DISTINCT f."id")::int AS "count"
           FROM filed f CROSS JOIN LATERAL unnest(f."objectives") AS o("objective")
          GROUP BY GROUPING SETS ((1, 2, 3, 4), (1, 2, 3))
          ORDER BY 1, 2, 3, 4 NULLS FIRST`,
        regions,
      );
    return rows.map((r) => ({ ...r, objective: r.objective === null ? null : Number(r.objective) }));
  }

  /**
   * Median calendar days per step, by quarter filed × region and by quarter filed over all regions (`region`
   * null): submission → triage start, submission → decision (approve or decline), approval → first transfer.
   * Each mark is the first of its action on the timeline (a request sent back to triage keeps its first).
   */
  async durations(regions: [string[], string[]], firstTransfers: FundDeliveryFacts['firstTransfers']) {
    const rows: { quarter: string; region: string | null; step: string; count: number; median: string }[] =
      await this.manager.query(
        `WITH geo AS (SELECT * FROM unnest($1::text[], $2::text[]) AS g("country_code", "region")),
              transfers AS (SELECT * FROM unnest($3::uuid[], $4::timestamptz[]) AS t("request_id", "at")),
              marks AS (
                SELECT e."request_id",
                       MIN(e."at") FILTER (WHERE e."action" = 'submit') AS "submitted_at",
                       MIN(e."at") FILTER (WHERE e."action" = 'start_triage') AS "triaged_at",
                       MIN(e."at") FILTER (WHERE e."action" IN ('approve', 'decline')) AS "decided_at",
                       MIN(e."at") FILTER (WHERE e."action" = 'approve') AS "approved_at"
                  FROM "request_timeline_entry" e WHERE e."kind" = 'transition' GROUP BY e."request_id"),
              spans AS (
                SELECT ${QUARTER('m."submitted_at"')} AS "quarter", COALESCE(g."region", 'Unknown') AS "region",
                       s."step", EXTRACT(EPOCH FROM s."span") / 86400 AS "days"
                  FROM marks m
                  JOIN "support_request" r ON r."id" = m."request_id"
                  LEFT JOIN geo g ON g."country_code" = r."country_code"::text
                  LEFT JOIN transfers t ON t."request_id" = m."request_id"
                 CROSS JOIN LATERAL (VALUES ('triage', m."triaged_at" - m."submitted_at"),
                                            ('decision', m."decided_at" - m."submitted_at"),
                                            ('first_transfer', t."at" - m."approved_at")) AS s("step", "span")
                 WHERE m."submitted_at" IS NOT NULL AND s."span" IS NOT NULL)
         SELECT "quarter", "region", "step", COUNT(*)::int AS "count",
                ROUND((percentile_cont(0.5) WITHIN GROUP (ORDER BY "days"))::numeric, 1)::text AS "median"
           FROM spans
          GROUP BY GROUPING SETS (("quarter", "region", "step"), ("quarter", "step"))
          ORDER BY "quarter", "step", "region" NULLS FIRST`,
        [...regions, firstTransfers.map((f) => f.requestId), firstTransfers.map((f) => f.at.toISOString())],
      );
    return rows.map((r): DurationRow => ({
      quarter: r.quarter,
      region: r.region,
      step: r.step as DurationRow['step'],
      count: r.count,
      medianDays: Number(r.median),
    }));
  }

  /** Clocks ended, by quarter of their end and step, and how many ended by their due date. */
  async serviceLevels(): Promise<Omit<ServiceLevelRow, 'share'>[]> {
    return this.manager.query(
      `SELECT ${QUARTER('c."ended"')} AS "quarter", c."step", COUNT(*)::int AS "done",
              (COUNT(*) FILTER (WHERE c."ended" <= c."due"))::int AS "withinLevel"
         FROM "support_request" r
        CROSS JOIN LATERAL (VALUES ('triage', r."triage_due_at", r."triage_ended_at"),
                                   ('information', r."info_due_at", r."info_ended_at"),
                                   ('assessment', r."assessment_due_at", r."assessment_ended_at")) AS c("step", "due", "ended")
        WHERE c."due" IS NOT NULL AND c."ended" IS NOT NULL
        GROUP BY 1, 2 ORDER BY 1, array_position(ARRAY['triage', 'information', 'assessment'], c."step")`,
    );
  }

  /**
   * Per lead organisation (the plan's `lead`), as of `today`: report due dates passed and those met (its n-th
   * report on a request answers the plan's n-th due date, on time when submitted by that date, UTC), milestones
   * due and done (a milestone without an organisation is the lead's), and the fund's money by organisation.
   */
  async partners(today: string, money: FundDeliveryFacts['organisations']): Promise<PartnerCounts[]> {
    const rows: {
      organisation_id: string;
      name: string | null;
      acronym: string | null;
      reports_due: number;
      reports_on_time: number;
      milestones_due: number;
      milestones_done: number;
      transferred: string;
      spent: string;
    }[] = await this.manager.query(
      `WITH leads AS (
              SELECT p."request_id", (o->>'organisationId')::uuid AS "org"
                FROM "implementation_plan" p CROSS JOIN LATERAL jsonb_array_elements(p."organisations") o
               WHERE o->>'role' = 'lead'),
            dues AS (
              SELECT l."org", l."request_id", d."due",
                     ROW_NUMBER() OVER (PARTITION BY l."request_id", l."org" ORDER BY d."due") AS "n"
                FROM leads l JOIN "implementation_plan" p ON p."request_id" = l."request_id"
               CROSS JOIN LATERAL unnest(p."report_due_dates") AS d("due")),
            reports AS (
              SELECT x."organisation_id" AS "org", x."request_id", x."submitted_at",
                     ROW_NUMBER() OVER (PARTITION BY x."request_id", x."organisation_id" ORDER BY x."submitted_at", x."id") AS "n"
                FROM "request_report" x),
            report_rates AS (
              SELECT d."org", COUNT(*)::int AS "reports_due",
                     (COUNT(*) FILTER (WHERE (rp."submitted_at" AT TIME ZONE 'UTC')::date <= d."due"))::int AS "reports_on_time"
                FROM dues d LEFT JOIN reports rp ON rp."org" = d."org" AND rp."request_id" = d."request_id" AND rp."n" = d."n"
               WHERE d."due" <= $1::date GROUP BY d."org"),
            milestone_rates AS (
              SELECT COALESCE(NULLIF(m->>'organisationId', '')::uuid, l."org") AS "org", COUNT(*)::int AS "milestones_due",
                     (COUNT(*) FILTER (WHERE m->>'status' = 'done'))::int AS "milestones_done"
                FROM "implementation_plan" p CROSS JOIN LATERAL jsonb_array_elements(p."milestones") m
                LEFT JOIN leads l ON l."request_id" = p."request_id"
               WHERE (m->>'dueDate')::date <= $1::date GROUP BY 1),
            money AS (SELECT * FROM unnest($2::uuid[], $3::bigint[], $4::bigint[]) AS f("org", "transferred", "spent")),
            orgs AS (SELECT "org" FROM report_rates UNION SELECT "org" FROM milestone_rates UNION SELECT "org" FROM money)
       SELECT g."org" AS "organisation_id", o."name", o."acronym",
              COALESCE(rr."reports_due", 0) AS "reports_due", COALESCE(rr."reports_on_time", 0) AS "reports_on_time",
              COALESCE(mr."milestones_due", 0) AS "milestones_due", COALESCE(mr."milestones_done", 0) AS "milestones_done",
              COALESCE(f."transferred", 0)::text AS "transferred", COALESCE(f."spent", 0)::text AS "spent"
         FROM orgs g
         LEFT JOIN "organisation" o ON o."id" = g."org"
         LEFT JOIN report_rates rr ON rr."org" = g."org"
         LEFT JOIN milestone_rates mr ON mr."org" = g."org"
         LEFT JOIN money f ON f."org" = g."org"
        WHERE g."org" IS NOT NULL`,
      [today, money.map((m) => m.organisationId), money.map((m) => m.transferred), money.map((m) => m.spent)],
    );
    return rows.map((r) => ({
      organisationId: r.organisation_id,
      name: r.name,
      acronym: r.acronym,
      reportsDue: r.reports_due,
      reportsOnTime: r.reports_on_time,
      milestonesDue: r.milestones_due,
      milestonesDone: r.milestones_done,
      transferred: r.transferred,
      spent: r.spent,
    }));
  }
}
