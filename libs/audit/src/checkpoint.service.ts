import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Actor, APP_CONFIG, AppConfig, Clock, CoreError, Database, Transaction } from '@cbm/core';
import { Checkpoint, checkpointLine, SigningKey, signCheckpoint } from './audit-checkpoint';
import { AuditRepository } from './audit.repository';
import { AuditService, CheckpointLog } from './audit.service';
import { AUDIT_LEDGER_PORT, AuditLedgerPort } from './ports';
import { AUDIT_SIGNING_KEY } from './signing-key';

/** The scheduled task's name (JobScheduler, bound in composition). */
export const AUDIT_CHECKPOINT_TASK = 'audit-checkpoint';

/**
 * Signed checkpoints: the chain's head (seq, hash) and the ledger's balance hash, read in one
 * transaction, signed with the deployment's Ed25519 key and appended to `audit_checkpoint` (append-only),
 * published as `GET /open/checkpoints.jsonl`. Anyone who keeps a copy of that log can later prove with
 * `audit:verify --checkpoints FILE` that the chain still holds every head it signed.
 */
@Injectable()
export class AuditCheckpointService {
  private readonly logger = new Logger('AuditCheckpoints');

  constructor(
    private readonly db: Database,
    private readonly repo: AuditRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AUDIT_SIGNING_KEY) private readonly key: SigningKey | null,
    @Optional() @Inject(AUDIT_LEDGER_PORT) private readonly ledger?: AuditLedgerPort,
  ) {
    if (!key) this.logger.warn('no AUDIT_SIGNING_KEY: audit checkpoints are not signed (server mode needs one)');
  }

  get signingKey(): SigningKey | null {
    return this.key;
  }

  get intervalMs(): number {
    return this.config.auditCheckpointIntervalSeconds * 1000;
  }

  /** The scheduled run: at most one checkpoint per period, whichever replica runs it first. */
  async scheduled(t: Transaction): Promise<Checkpoint | null> {
    if (!this.key) return null;
    const period = String(Math.floor(this.clock.now().getTime() / this.intervalMs));
    return this.sign(t, period);
  }

  /** POST /audit/checkpoints: a checkpoint now, outside the schedule; audited. */
  async signNow(actor: Actor): Promise<Checkpoint> {
    if (!this.key) throw CoreError('CONFLICT', 'no AUDIT_SIGNING_KEY is configured: checkpoints cannot be signed');
    return this.db.transaction(async (t) => {
      const c = (await this.sign(t, null))!;
      // chained at COMMIT, after the head this checkpoint signed
      this.audit.in(t).record({
        actor,
        action: 'audit.checkpoint_signed',
        entityType: 'audit_checkpoint',
        entityId: c.seq,
        after: { seq: c.seq, hash: c.hash, ledgerHash: c.ledgerHash, signedAt: c.signedAt },
      });
      return c;
    });
  }

  private async sign(t: Transaction, period: string | null): Promise<Checkpoint | null> {
    if (!this.ledger) throw new Error('audit checkpoints: no ledger port bound');
    const head = await this.repo.head(t);
    const ledgerHash = await this.ledger.balanceHash(t);
    const c = signCheckpoint(
      { seq: head.seq, hash: head.hash, ledgerHash, signedAt: this.clock.now().toISOString() },
      this.key!,
    );
    return (await this.repo.insertCheckpoint(t, c, period)) ? c : null;
  }

  /** The whole log as JSON Lines, a page of rows at a time. */
  async *jsonLines(): AsyncGenerator<string> {
    let after = '0';
    for (;;) {
      const page = await this.repo.checkpoints(after, 1000);
      if (page.length) yield page.map((c) => `${checkpointLine(c)}\n`).join('');
      if (page.length < 1000) return;
      after = page[page.length - 1].n;
    }
  }

  /** This deployment's own log, to prove with its key (GET /audit/verify); none without a key. */
  async storedLog(): Promise<CheckpointLog | undefined> {
    if (!this.key) return undefined;
    const all = await this.all();
    return { entries: all.map((checkpoint, i) => ({ line: i + 1, checkpoint })), publicKeys: [this.key.publicKey] };
  }

  async all(): Promise<Checkpoint[]> {
    const out: Checkpoint[] = [];
    let after = '0';
    for (;;) {
      const page = await this.repo.checkpoints(after, 1000);
      out.push(
        ...page.map((c) => ({
          seq: c.seq,
          hash: c.hash,
          ledgerHash: c.ledgerHash,
          signedAt: c.signedAt,
          keyId: c.keyId,
          signature: c.signature,
        })),
      );
      if (page.length < 1000) return out;
      after = page[page.length - 1].n;
    }
  }
}
