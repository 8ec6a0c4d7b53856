import { Injectable } from '@nestjs/common';
import { Clock, Database, newId, Transaction } from '@cbm/core';
import { scan } from '../detector/personal-data.detector';
import { PrivacyFindingEntity } from './privacy-finding.entity';
import { PrivacyFindingRepository, Subject } from './privacy-finding.repository';

export type { Subject };

/**
 * Not a kind of personal data: a record whose text has not been read (a PDF while its text is being
 * extracted, an image, a file too large or unreadable). It blocks like a finding, so nothing unread is
 * published: it is resolved when the text is read and scanned, or overridden by a reviewer who looked.
 */
export const UNSCANNED = 'unscanned';

/** One field's text to scan. */
export interface ScannedField {
  field: string;
  text: string | null | undefined;
  language?: string;
}

/** A finding as the API shows it: where it is, masked, and what was decided. */
export interface FindingView {
  id: string;
  /** The record the finding is in (the item itself, or a document of it). */
  subjectType: string;
  subjectId: string;
  field: string;
  kind: string;
  start: number;
  end: number;
  excerpt: string;
  confidence: number;
  status: string;
  subjectVersion: number | null;
  detectedAt: string;
  redactedAt: string | null;
  override: { reason: string; byId: string; at: string } | null;
}

export function findingView(f: PrivacyFindingEntity): FindingView {
  return {
    id: f.id,
    subjectType: f.subjectType,
    subjectId: f.subjectId,
    field: f.field,
    kind: f.kind,
    start: f.startOffset,
    end: f.endOffset,
    excerpt: f.excerpt,
    confidence: f.confidence,
    status: f.status,
    subjectVersion: f.subjectVersion,
    detectedAt: f.detectedAt.toISOString(),
    redactedAt: f.redactedAt?.toISOString() ?? null,
    override:
      f.overrideReason && f.overriddenById && f.overriddenAt
        ? { reason: f.overrideReason, byId: f.overriddenById, at: f.overriddenAt.toISOString() }
        : null,
  };
}

/**
 * The findings of one transaction: what a context's unit of work hands its use cases as `tx.privacy`.
 * `record` keeps a record's findings in step with its text, in the transaction that writes the text.
 */
export class PrivacyFindings {
  constructor(
    private readonly repo: PrivacyFindingRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Scans `fields` of `subject` and brings its findings in those fields in step: a finding seen again
   * keeps its id and status (an override holds while the same data is there; a finding is the same
   * when its field, kind and masked excerpt are), a new one is `open`, one no longer in the text is
   * `redacted`. Fields not given are left as they are, unless `complete` says the fields are the
   * subject's whole text (a finding in a field that is gone is redacted too). `fresh`: the subject is
   * new, nothing to compare. `parent`: the record the subject belongs to (a document's item), whose
   * findings then include these.
   * Answers the subject's findings in those fields that are not redacted.
   */
  async record(
    subject: Subject,
    fields: readonly ScannedField[],
    options: { fresh?: boolean; complete?: boolean; parent?: Subject | null } = {},
  ): Promise<PrivacyFindingEntity[]> {
    const now = this.clock.now();
    if (!options.fresh) await this.repo.lock(subject);
    const existing = options.fresh
      ? []
      : await this.repo.ofSubject(
          subject,
          ['open', 'overridden'],
          options.complete ? undefined : fields.map((f) => f.field),
        );
    const unmatched = new Set(existing);
    const current: PrivacyFindingEntity[] = [];
    const added: PrivacyFindingEntity[] = [];
    for (const { field, text, language } of fields) {
      for (const hit of scan(text ?? '', { language })) {
        const same = [...unmatched].find((f) => f.field === field && f.kind === hit.kind && f.excerpt === hit.excerpt);
        if (same) {
          unmatched.delete(same);
          const moved =
            same.startOffset !== hit.start ||
            same.endOffset !== hit.end ||
            same.subjectVersion !== (subject.version ?? null);
          Object.assign(same, { startOffset: hit.start, endOffset: hit.end, subjectVersion: subject.version ?? null });
          if (moved) await this.repo.moved(same);
          current.push(same);
          continue;
        }
        const f = Object.assign(new PrivacyFindingEntity(), {
          id: newId(),
          subjectType: subject.type,
          subjectId: subject.id,
          parentType: options.parent?.type ?? null,
          parentId: options.parent?.id ?? null,
          subjectVersion: subject.version ?? null,
          field,
          kind: hit.kind,
          startOffset: hit.start,
          endOffset: hit.end,
          excerpt: hit.excerpt,
          confidence: hit.confidence,
          status: 'open',
          overrideReason: null,
          overriddenById: null,
          overriddenAt: null,
          detectedAt: now,
          redactedAt: null,
        } satisfies PrivacyFindingEntity);
        added.push(f);
        current.push(f);
      }
    }
    this.repo.add(added);
    await this.repo.redacted(
      [...unmatched].map((f) => f.id),
      now,
    );
    return current;
  }

  /**
   * Marks `field` of `subject` as not read yet (an open `unscanned` finding, once): the next `record` of
   * that field resolves it, as it does any finding no longer in the text.
   */
  async unscanned(subject: Subject, field: string, parent: Subject | null): Promise<void> {
    await this.repo.lock(subject);
    const open = await this.repo.ofSubject(subject, ['open', 'overridden'], [field]);
    if (open.some((f) => f.kind === UNSCANNED)) return;
    this.repo.add([
      Object.assign(new PrivacyFindingEntity(), {
        id: newId(),
        subjectType: subject.type,
        subjectId: subject.id,
        parentType: parent?.type ?? null,
        parentId: parent?.id ?? null,
        subjectVersion: subject.version ?? null,
        field,
        kind: UNSCANNED,
        startOffset: 0,
        endOffset: 1,
        excerpt: '(text not read)',
        confidence: 1,
        status: 'open',
        overrideReason: null,
        overriddenById: null,
        overriddenAt: null,
        detectedAt: this.clock.now(),
        redactedAt: null,
      } satisfies PrivacyFindingEntity),
    ]);
  }

  /** The subject's findings and its records' (documents'), in every status, by record, field and place. */
  list(subject: Subject): Promise<PrivacyFindingEntity[]> {
    return this.repo.ofSubject(subject, undefined, undefined, true);
  }

  /** The findings that still block: open ones, the subject's and its records'. */
  open(subject: Subject): Promise<PrivacyFindingEntity[]> {
    return this.repo.ofSubject(subject, ['open'], undefined, true);
  }

  /**
   * A reviewer keeps finding `id` of `subject` (or of a record of its) with a reason. Null when it has no such
   * finding; `{ finding, changed: false }` when it is not open (redacted, or already overridden).
   */
  async override(
    subject: Subject,
    id: string,
    reason: string,
    byId: string,
  ): Promise<{ finding: PrivacyFindingEntity; changed: boolean } | null> {
    const f = await this.repo.getForUpdate(subject, id);
    if (!f) return null;
    const at = this.clock.now();
    if (!(await this.repo.override(f.id, reason, byId, at))) return { finding: f, changed: false };
    return {
      finding: Object.assign(f, {
        status: 'overridden',
        overrideReason: reason,
        overriddenById: byId,
        overriddenAt: at,
      }),
      changed: true,
    };
  }
}

@Injectable()
export class PrivacyService {
  constructor(
    private readonly db: Database,
    private readonly repo: PrivacyFindingRepository,
    private readonly clock: Clock,
  ) {}

  /** Transaction `t`'s findings. */
  in(t: Transaction): PrivacyFindings {
    return new PrivacyFindings(this.repo.in(t), this.clock);
  }

  /**
   * Scans one field's text of a record and records its findings, in a transaction of its own (or
   * `t`): the one call that brings other text in, such as a document's extracted text
   * (`scanText('document', id, 'text', extracted, { parent: { type: 'knowledge_item', id: itemId } })`:
   * the item's findings then include the document's, and its publication waits for them). Answers the
   * findings not redacted.
   */
  async scanText(
    subjectType: string,
    subjectId: string,
    field: string,
    text: string,
    options: { language?: string; version?: number | null; parent?: Subject | null; t?: Transaction } = {},
  ): Promise<FindingView[]> {
    const work = async (t: Transaction) =>
      (
        await this.in(t).record(
          { type: subjectType, id: subjectId, version: options.version },
          [{ field, text, language: options.language }],
          { parent: options.parent },
        )
      ).map(findingView);
    return options.t ? work(options.t) : this.db.transaction(work);
  }

  /** A subject's findings and its records', read outside any transaction. */
  async list(subject: Subject): Promise<FindingView[]> {
    return (await this.repo.ofSubject(subject, undefined, undefined, true)).map(findingView);
  }
}
