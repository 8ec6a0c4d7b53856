import { Injectable } from '@nestjs/common';
import { Actor, Clock, newId } from '@cbm/core';
import { FundError } from '../fund.errors';
import type { FundTx } from '../fund-unit-of-work';
import { JournalEntryEntity } from './journal-entry.entity';
import { JournalLineEntity } from './journal-line.entity';
import { accountKey, assertBalanced, Posting, reversal } from './ledger';
import { alreadyReversed } from './ledger.repository';

export interface PostEntry {
  kind: string;
  reference: string;
  memo?: string;
  subjectId: string;
  occurredAt?: Date;
  reversesEntryId?: string | null;
  lines: Posting[];
}

/** Posts balanced entries to the journal and keeps the balance table in step, in the use case's transaction. */
@Injectable()
export class LedgerService {
  constructor(private readonly clock: Clock) {}

  async post(tx: Pick<FundTx, 'ledger'>, actor: Actor, e: PostEntry): Promise<JournalEntryEntity> {
    assertBalanced(e.lines);
    if (!e.reference?.trim())
      throw FundError('FUND_INVALID_FIELD', 'every journal entry cites a decision or document reference');
    const now = this.clock.now();
    const entry = Object.assign(new JournalEntryEntity(), {
      id: newId(),
      kind: e.kind,
      reference: e.reference.trim(),
      memo: e.memo ?? '',
      subjectId: e.subjectId,
      reversesEntryId: e.reversesEntryId ?? null,
      occurredAt: e.occurredAt ?? now,
      recordedAt: now,
      recordedById: actor.id,
    });
    const lines = e.lines.map((l, i) =>
      Object.assign(new JournalLineEntity(), {
        id: newId(),
        entryId: entry.id,
        lineNo: i + 1,
        accountKey: accountKey(l),
        kind: l.kind,
        contributionId: l.contributionId ?? null,
        allocationId: l.allocationId ?? null,
        organisationId: l.organisationId ?? null,
        amount: l.amount.toString(),
        currency: l.currency,
      }),
    );
    await tx.ledger.insertEntry(entry, lines);
    await tx.ledger.applyToBalances(e.lines);
    return entry;
  }

  /** An entry is reversed once, and a reversing entry never (409). */
  async checkReversible(tx: Pick<FundTx, 'ledger'>, original: JournalEntryEntity): Promise<void> {
    if (original.reversesEntryId)
      throw FundError('FUND_INVALID_STATE', 'a reversing entry is not reversed again; post a new entry instead');
    if (await tx.ledger.isReversed(original.id)) throw alreadyReversed();
  }

  /**
   * A correction: a new entry with the same accounts and opposite signs. Each entry is reversed at
   * most once: the original is locked, so a second reversal waits and then finds the first (and the
   * unique index on `reverses_entry_id` stands behind it).
   */
  async reverse(
    tx: Pick<FundTx, 'ledger'>,
    actor: Actor,
    original: JournalEntryEntity,
    reference: string,
    memo: string,
  ): Promise<{ entry: JournalEntryEntity; lines: Posting[] }> {
    await this.checkReversible(tx, original);
    const lines = reversal((await tx.ledger.lines(original.id)).map(lineToPosting));
    const entry = await this.post(tx, actor, {
      kind: 'reversal',
      reference,
      memo,
      subjectId: original.subjectId,
      reversesEntryId: original.id,
      lines,
    });
    return { entry, lines };
  }
}

export const lineToPosting = (l: JournalLineEntity): Posting => ({
  kind: l.kind,
  contributionId: l.contributionId,
  allocationId: l.allocationId,
  organisationId: l.organisationId,
  amount: BigInt(l.amount),
  currency: l.currency.trim(),
});
