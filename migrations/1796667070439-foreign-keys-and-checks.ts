import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database protects the data too: a foreign key wherever a record refers to another record,
 * and CHECK constraints for statuses, amounts, counters, ranges and codes. The entities declare the
 * same constraints (relations that are never loaded, and @Check); migrations/README.md says where
 * a reference has no foreign key, and why.
 *
 * Added NOT VALID on tables that already hold data: the constraint holds for every row written from
 * now on and the ALTER does not read the table, so its lock is brief. The next migration validates
 * the existing rows without blocking writes. Nothing here deletes business records, so every key is
 * NO ACTION: a delete that would orphan a row is refused.
 */
export class ForeignKeysAndChecks1796667070439 implements MigrationInterface {
  name = 'ForeignKeysAndChecks1796667070439';

  async up(q: QueryRunner): Promise<void> {
    for (const c of CONSTRAINTS)
      await q.query(`ALTER TABLE "${c.table}" ADD CONSTRAINT "${c.name}" ${c.definition} NOT VALID`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const c of [...CONSTRAINTS].reverse()) await q.query(`ALTER TABLE "${c.table}" DROP CONSTRAINT "${c.name}"`);
  }
}

export interface TableConstraint {
  table: string;
  name: string;
  definition: string;
}

const fk = (table: string, column: string, references: string): TableConstraint => ({
  table,
  name: `fk_${table}_${column}`,
  definition: `FOREIGN KEY ("${column}") REFERENCES "${references}"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
});

const check = (table: string, name: string, expression: string): TableConstraint => ({
  table,
  name,
  definition: `CHECK (${expression})`,
});

/** As the entities declare them today; a snapshot, like every migration (later changes get a migration of their own). */
export const CONSTRAINTS: TableConstraint[] = [
  fk('app_user', 'organisation_id', 'organisation'),
  check('app_user', 'ck_app_user_country_code', `"country_code" IS NULL OR "country_code" ~ '^[A-Z]{3}$'`),
  check(
    'app_user',
    'ck_app_user_role',
    `"role" IN ('focal_point', 'hub_officer', 'partner_officer', 'fund_manager', 'steering_committee', 'donor', 'admin')`,
  ),
  fk('refresh_token', 'user_id', 'app_user'),
  check('login_throttle', 'ck_login_throttle_failures', `"failures" >= 0`),
  fk('notification', 'user_id', 'app_user'),
  check('outbox', 'ck_outbox_attempts', `"attempts" >= 0`),
  check('outbox', 'ck_outbox_status', `"status" IN ('pending', 'done', 'failed')`),
  fk('support_request', 'created_by_id', 'app_user'),
  fk('support_request', 'assignee_id', 'app_user'),
  check('support_request', 'ck_support_request_country_code', `"country_code" ~ '^[A-Z]{3}$'`),
  check('support_request', 'ck_support_request_dates', `"end_date" >= "start_date"`),
  check(
    'support_request',
    'ck_support_request_estimated_budget',
    `("estimated_budget_amount" IS NULL) = ("estimated_budget_currency" IS NULL) AND "estimated_budget_amount" > 0 AND "estimated_budget_currency" ~ '^[A-Z]{3}$'`,
  ),
  check(
    'support_request',
    'ck_support_request_status',
    `"status" IN ('draft', 'submitted', 'in_triage', 'info_requested', 'in_assessment', 'declined', 'matching', 'setup', 'in_implementation', 'completed', 'closed', 'withdrawn')`,
  ),
  fk('request_timeline_entry', 'request_id', 'support_request'),
  fk('request_timeline_entry', 'actor_id', 'app_user'),
  check(
    'request_timeline_entry',
    'ck_request_timeline_entry_statuses',
    `("from_status" IS NULL OR "from_status" IN ('draft', 'submitted', 'in_triage', 'info_requested', 'in_assessment', 'declined', 'matching', 'setup', 'in_implementation', 'completed', 'closed', 'withdrawn')) AND ("to_status" IS NULL OR "to_status" IN ('draft', 'submitted', 'in_triage', 'info_requested', 'in_assessment', 'declined', 'matching', 'setup', 'in_implementation', 'completed', 'closed', 'withdrawn'))`,
  ),
  check('request_reference_counter', 'ck_request_reference_counter_country_code', `"country_code" ~ '^[A-Z]{3}$'`),
  check('request_reference_counter', 'ck_request_reference_counter_last', `"last" >= 1`),
  fk('request_partner', 'request_id', 'support_request'),
  fk('request_partner', 'organisation_id', 'organisation'),
  fk('request_partner', 'invited_by_id', 'app_user'),
  fk('request_partner', 'responded_by_id', 'app_user'),
  check('request_partner', 'ck_request_partner_role', `"role" IN ('lead', 'participating')`),
  check('request_partner', 'ck_request_partner_status', `"status" IN ('pending', 'accepted', 'declined', 'withdrawn')`),
  fk('request_assessment', 'request_id', 'support_request'),
  fk('request_assessment', 'assessor_id', 'app_user'),
  check(
    'request_assessment',
    'ck_request_assessment_markers',
    `"gender_marker" BETWEEN 0 AND 3 AND "human_rights_marker" BETWEEN 0 AND 3`,
  ),
  check(
    'request_assessment',
    'ck_request_assessment_recommendation',
    `"recommendation" IN ('proceed', 'decline', 'needs_information')`,
  ),
  check(
    'request_assessment',
    'ck_request_assessment_scores',
    `jsonb_typeof("scores") = 'object' AND NOT jsonb_path_exists("scores", '$.* ? (@ < 0 || @ > 4)')`,
  ),
  check('request_assessment', 'ck_request_assessment_weighted_total', `"weighted_total" BETWEEN 0 AND 400`),
  fk('implementation_plan', 'request_id', 'support_request'),
  fk('implementation_plan', 'updated_by_id', 'app_user'),
  check('implementation_plan', 'ck_implementation_plan_currency', `"currency" ~ '^[A-Z]{3}$'`),
  fk('request_report', 'request_id', 'support_request'),
  fk('request_report', 'organisation_id', 'organisation'),
  fk('request_report', 'submitted_by_id', 'app_user'),
  check('request_report', 'ck_request_report_kind', `"kind" IN ('progress', 'final')`),
  fk('peer_exchange', 'request_id', 'support_request'),
  fk('peer_exchange', 'peer_request_id', 'support_request'),
  fk('peer_exchange', 'created_by_id', 'app_user'),
  check(
    'peer_exchange',
    'ck_peer_exchange_countries',
    `"country_code" ~ '^[A-Z]{3}$' AND "peer_country_code" ~ '^[A-Z]{3}$' AND "peer_country_code" <> "country_code"`,
  ),
  check('peer_exchange', 'ck_peer_exchange_status', `"status" IN ('planned', 'held', 'cancelled')`),
  fk('request_link', 'request_id', 'support_request'),
  fk('request_link', 'created_by_id', 'app_user'),
  check('request_link', 'ck_request_link_relation', `"relation" IN ('replicated_from', 'related')`),
  check('request_link', 'ck_request_link_target_type', `"target_type" IN ('knowledge_item', 'request')`),
  fk('fund_application', 'request_id', 'support_request'),
  fk('fund_application', 'lead_organisation_id', 'organisation'),
  fk('fund_application', 'created_by_id', 'app_user'),
  check('fund_application', 'ck_fund_application_amount', `"amount" > 0 AND "currency" ~ '^[A-Z]{3}$'`),
  check('fund_application', 'ck_fund_application_country_code', `"country_code" ~ '^[A-Z]{3}$'`),
  check(
    'fund_application',
    'ck_fund_application_status',
    `"status" IN ('submitted', 'proposed', 'approved', 'rejected')`,
  ),
  fk('fund_allocation', 'application_id', 'fund_application'),
  fk('fund_allocation', 'request_id', 'support_request'),
  fk('fund_allocation', 'proposed_by_id', 'app_user'),
  fk('fund_allocation', 'decided_by_id', 'app_user'),
  check(
    'fund_allocation',
    'ck_fund_allocation_amount',
    `"amount" > 0 AND "currency" ~ '^[A-Z]{3}$' AND "duration_months" > 0`,
  ),
  check('fund_allocation', 'ck_fund_allocation_status', `"status" IN ('proposed', 'approved', 'rejected')`),
  fk('fund_tranche', 'allocation_id', 'fund_allocation'),
  fk('fund_tranche', 'released_by_id', 'app_user'),
  check('fund_tranche', 'ck_fund_tranche_amount', `"amount" > 0 AND "seq" >= 1`),
  fk('fund_decision', 'allocation_id', 'fund_allocation'),
  fk('fund_decision', 'member_id', 'app_user'),
  fk('fund_decision', 'member_organisation_id', 'organisation'),
  check('fund_decision', 'ck_fund_decision_kind', `"kind" IN ('approved', 'rejected', 'recused')`),
  fk('fund_contribution', 'contributor_id', 'organisation'),
  fk('fund_contribution', 'created_by_id', 'app_user'),
  check('fund_contribution', 'ck_fund_contribution_amount', `"pledged_amount" > 0 AND "currency" ~ '^[A-Z]{3}$'`),
  check(
    'fund_contribution',
    'ck_fund_contribution_contributor_type',
    `"contributor_type" IN ('un_entity', 'member_state', 'ifi', 'private_sector', 'foundation', 'civil_society', 'local_authority', 'academia', 'other')`,
  ),
  check(
    'fund_contribution',
    'ck_fund_contribution_earmark',
    `"earmark_type" IN ('none', 'objectives', 'country') AND ("earmark_type" = 'country') = ("earmark_country" IS NOT NULL) AND ("earmark_country" IS NULL OR "earmark_country" ~ '^[A-Z]{3}$')`,
  ),
  fk('fund_deposit', 'contribution_id', 'fund_contribution'),
  fk('fund_deposit', 'entry_id', 'journal_entry'),
  fk('fund_deposit', 'created_by_id', 'app_user'),
  check(
    'fund_deposit',
    'ck_fund_deposit_amounts',
    `"amount" > 0 AND "usd_amount" > 0 AND "admin_fee_usd" >= 0 AND "admin_fee_usd" <= "usd_amount" AND "currency" ~ '^[A-Z]{3}$'`,
  ),
  fk('fund_refund', 'contribution_id', 'fund_contribution'),
  fk('fund_refund', 'entry_id', 'journal_entry'),
  fk('fund_refund', 'created_by_id', 'app_user'),
  check('fund_refund', 'ck_fund_refund_amount', `"usd_amount" > 0`),
  fk('fund_idempotency_key', 'actor_id', 'app_user'),
  check('fund_idempotency_key', 'ck_fund_idempotency_key_state', `"state" IN ('in_flight', 'done')`),
  fk('journal_entry', 'reverses_entry_id', 'journal_entry'),
  fk('journal_entry', 'recorded_by_id', 'app_user'),
  check(
    'journal_entry',
    'ck_journal_entry_kind',
    `"kind" IN ('pledge', 'deposit', 'refund', 'allocation', 'transfer', 'expenditure', 'reversal')`,
  ),
  check('journal_entry', 'ck_journal_entry_reversal', `("kind" = 'reversal') = ("reverses_entry_id" IS NOT NULL)`),
  fk('journal_line', 'entry_id', 'journal_entry'),
  fk('journal_line', 'contribution_id', 'fund_contribution'),
  fk('journal_line', 'allocation_id', 'fund_allocation'),
  fk('journal_line', 'organisation_id', 'organisation'),
  check(
    'journal_line',
    'ck_journal_line_kind',
    `"kind" IN ('pledged', 'receivable', 'deposit_clearing', 'cash_pool', 'cash_earmarked', 'admin_fee', 'refund', 'allocation', 'transfer', 'expenditure')`,
  ),
  check('journal_line', 'ck_journal_line_line_no', `"line_no" >= 1`),
  fk('fund_balance', 'contribution_id', 'fund_contribution'),
  fk('fund_balance', 'allocation_id', 'fund_allocation'),
  fk('fund_balance', 'organisation_id', 'organisation'),
  check(
    'fund_balance',
    'ck_fund_balance_kind',
    `"kind" IN ('pledged', 'receivable', 'deposit_clearing', 'cash_pool', 'cash_earmarked', 'admin_fee', 'refund', 'allocation', 'transfer', 'expenditure')`,
  ),
  check('fund_balance', 'ck_fund_balance_lines', `"lines" >= 0 AND "currency" ~ '^[A-Z]{3}$'`),
  fk('fund_transfer', 'allocation_id', 'fund_allocation'),
  fk('fund_transfer', 'organisation_id', 'organisation'),
  fk('fund_transfer', 'entry_id', 'journal_entry'),
  fk('fund_transfer', 'created_by_id', 'app_user'),
  check(
    'fund_transfer',
    'ck_fund_transfer_amount',
    `"amount" > 0 AND "indirect_cost" >= 0 AND "indirect_cost" <= "amount" AND "currency" ~ '^[A-Z]{3}$'`,
  ),
  fk('fund_expenditure', 'allocation_id', 'fund_allocation'),
  fk('fund_expenditure', 'organisation_id', 'organisation'),
  fk('fund_expenditure', 'entry_id', 'journal_entry'),
  fk('fund_expenditure', 'reported_by_id', 'app_user'),
  check('fund_expenditure', 'ck_fund_expenditure_amount', `"amount" > 0 AND "currency" ~ '^[A-Z]{3}$'`),
  check('fund_expenditure', 'ck_fund_expenditure_period', `"period_end" >= "period_start"`),
  fk('knowledge_item', 'organisation_id', 'organisation'),
  fk('knowledge_item', 'published_by_id', 'app_user'),
  check(
    'knowledge_item',
    'ck_knowledge_item_kind',
    `"kind" IN ('practice', 'evidence', 'initiative', 'tool', 'dataset', 'solution')`,
  ),
  check('knowledge_item', 'ck_knowledge_item_status', `"status" IN ('draft', 'in_review', 'published', 'archived')`),
  check('knowledge_item', 'ck_knowledge_item_year', `"year" BETWEEN 1900 AND 2100`),
  fk('knowledge_item_version', 'item_id', 'knowledge_item'),
  check('knowledge_item_version', 'ck_knowledge_item_version_version', `"version" >= 1`),
  fk('knowledge_review', 'item_id', 'knowledge_item'),
  fk('knowledge_review', 'reviewer_id', 'app_user'),
];
