import { Injectable } from '@nestjs/common';
import { Actor, Clock, newId } from '@cbm/core';
import { EntityManager } from 'typeorm';
import { FundError } from '../fund.errors';
import { JournalEntryEntity } from './journal-entry.entity';
import { JournalLineEntity } from './journal-line.entity';
import { accountKey, assertBalanced, Posting, reversal } from './ledger';
import { LedgerRepository } from './ledger.repository';

export interface PostEntry {
  kind: string;
  reference: string;
  memo?: string;
  subjectId: string;
  occurredAt?: Date;
  reversesEntryId?: string | null;
  lines: Posting[];
}

/** Posts balanced entries to the journal and keeps the balance table in step, in the caller's transaction. */
@Injectable()
export class LedgerService {
  constructor(
    private readonly repo: LedgerRepository,
    private readonly clock: Clock,
  ) {}

  async post(m: EntityManager, actor: Actor, e: PostEntry): Promise<JournalEntryEntity> {
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
    await this.repo.insertEntry(m, entry, lines);
    await this.repo.applyToBalances(m, e.lines);
    return entry;
  }

  /** A correction: a new entry with the same accounts and opposite signs. Each entry is reversed at most once. */
  async reverse(
    m: EntityManager,
    actor: Actor,
    entryId: string,
    reference: string,
    memo: string,
  ): Promise<{ entry: JournalEntryEntity; original: JournalEntryEntity; lines: Posting[] }> {
    const original = await this.repo.entry(entryId, m);
    if (!original) throw FundError('FUND_NOT_FOUND', 'no such journal entry');
    if (original.reversesEntryId)
      throw FundError('FUND_INVALID_STATE', 'a reversing entry is not reversed again; post a new entry instead');
    if (await this.repo.isReversed(entryId, m))
      throw FundError('FUND_ALREADY_REVERSED', 'this entry was already reversed');
    const lines = reversal((await this.repo.lines(entryId, m)).map(lineToPosting));
    const entry = await this.post(m, actor, {
      kind: 'reversal',
      reference,
      memo,
      subjectId: original.subjectId,
      reversesEntryId: original.id,
      lines,
    });
    return { entry, original, lines };
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
