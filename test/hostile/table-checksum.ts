import type { DataSource } from 'typeorm';

/**
 * What a refused request may legitimately write, and so is left out of the checksum:
 * - login_throttle: every failed sign-in counts against the address and e-mail (that is its job);
 * - audit_event rows `auth.login_failed`: failed sign-ins are audited on purpose;
 * - audit_head: the head of the audit hash chain, which moves with every appended event
 *   (the events themselves are still compared, so a stray audit write is caught there);
 * - audit_checkpoint: signed by the scheduler on its own clock (with Redis, BullMQ also runs the task
 *   once at start, whenever that lands); a checkpoint signed on request is audited, and audit_event is compared.
 * Everything else (users, refresh tokens, outbox, the rest of the audit chain, domain tables)
 * must be byte-for-byte the same after any refused request. The harness signs its users in
 * before the first checksum, so their refresh tokens and `auth.login` events are in the baseline.
 */
const EXCLUDED_TABLES = new Set(['login_throttle', 'audit_head', 'audit_checkpoint']);
const ROW_FILTER: Record<string, string> = { audit_event: `WHERE t.action <> 'auth.login_failed'` };

export class TableChecksum {
  private sql = '';
  private tables: string[] = [];

  constructor(private readonly dataSource: DataSource) {}

  async init(): Promise<string[]> {
    const rows: { name: string }[] = await this.dataSource.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    this.tables = rows.map((r) => r.name).filter((t) => !EXCLUDED_TABLES.has(t));
    // one round trip: a column per table
    this.sql = `SELECT ${this.tables.map((t, i) => `(SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) || ':' || count(*) FROM "${t}" t ${ROW_FILTER[t] ?? ''}) AS c${i}`).join(', ')}`;
    return this.tables;
  }

  async take(): Promise<Record<string, string>> {
    const [row] = (await this.dataSource.query(this.sql)) as Record<string, string>[];
    return Object.fromEntries(this.tables.map((t, i) => [t, row[`c${i}`]]));
  }

  static changed(before: Record<string, string>, after: Record<string, string>): string[] {
    return Object.keys(after).filter((t) => before[t] !== after[t]);
  }
}
