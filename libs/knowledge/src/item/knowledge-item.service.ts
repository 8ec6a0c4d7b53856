import { Injectable } from '@nestjs/common';
import { Actor, Clock, newId, SYSTEM_ACTOR, Transaction } from '@cbm/core';
import { changedFields } from '@cbm/audit';
import { OrganisationService, ReferenceService } from '@cbm/reference';
import { KnowledgeTx, KnowledgeUnitOfWork } from '../knowledge-unit-of-work';
import { buildProjection } from '../search/knowledge-projection';
import { KnowledgeActionDto, ReviewDeclarationDto, UpdateKnowledgeItemDto } from './dto/knowledge-item.dto';
import { checkContent, ContentInput } from './knowledge-content';
import { KnowledgeItemVersionEntity } from './knowledge-item-version.entity';
import { KnowledgeItemEntity } from './knowledge-item.entity';
import { KnowledgeError } from './knowledge-item.errors';
import { KnowledgeItemRepository } from './knowledge-item.repository';
import {
  changesOf,
  isEditable,
  KnowledgeAction,
  KnowledgeStatus,
  mayAuthor,
  mayEdit,
  mayReview,
  projectionEffect,
  StepOutcome,
  stepFor,
} from './knowledge-item.workflow';
import { KnowledgeReviewEntity } from './knowledge-review.entity';
import { personalDataFields, personalDataSubject } from './knowledge-personal-data';
import { FindingView, findingView } from '@cbm/privacy';
import { diffSnapshots } from './version-diff';
import { KnowledgeItemView, snapshotOf, toKnowledgeView } from './knowledge-item.view';

/** A new item's content, from the editor, the importer or a completed request. */
export interface NewItem extends ContentInput {
  kind: string;
  title: string;
  summary: string;
  body?: string;
  objectives: number[];
  tags?: string[];
  sourceUrl?: string;
  licence?: string;
  year?: number;
  /** `manual` unless given: `hub` for a solution, the import's source, `volume` for generated data. */
  source?: string;
  sourceId?: string | null;
  replicatedFrom?: { requestId: string; reference: string };
}

/** What a content edit may change. */
export type ContentSet = Partial<
  Pick<
    KnowledgeItemEntity,
    | 'kind'
    | 'title'
    | 'summary'
    | 'body'
    | 'objectives'
    | 'actions'
    | 'principles'
    | 'countries'
    | 'regions'
    | 'organisationIds'
    | 'tags'
    | 'language'
    | 'translations'
    | 'sourceUrl'
    | 'licence'
    | 'year'
  >
>;

/** A version row or an audit event names the change: created, updated, imported, or the workflow action. */
type Change = 'created' | 'updated' | 'imported' | KnowledgeAction;

/** The knowledge item's use cases: each one transaction, every row it writes named in it. */
@Injectable()
export class KnowledgeItemService {
  constructor(
    private readonly uow: KnowledgeUnitOfWork,
    private readonly items: KnowledgeItemRepository,
    private readonly reference: ReferenceService,
    private readonly organisations: OrganisationService,
    private readonly clock: Clock,
  ) {}

  /**
   * A hub or partner officer writes a draft. `t`: inside the caller's transaction (bulk loading
   * writes many items, submits and publishes them in one).
   */
  async create(actor: Actor, input: NewItem, t?: Transaction): Promise<KnowledgeItemView> {
    if (!mayAuthor(actor))
      throw KnowledgeError('KNOWLEDGE_FORBIDDEN', 'hub and partner officers write knowledge items');
    const work = async (tx: KnowledgeTx) => {
      await this.validate(tx, input);
      const [item] = await this.insertItems(tx, actor, [input], 'created');
      return toKnowledgeView(item, actor.role);
    };
    return t ? this.uow.within(t, work) : this.uow.run(work);
  }

  async get(actor: Actor, id: string): Promise<KnowledgeItemView> {
    return toKnowledgeView(await this.items.getScoped(actor, id), actor.role);
  }

  async list(
    actor: Actor,
    status: KnowledgeStatus[] | undefined,
    afterId: string | undefined,
    limit: number,
  ): Promise<KnowledgeItemView[]> {
    return (await this.items.list(actor, status, afterId, limit)).map((k) => toKnowledgeView(k, actor.role));
  }

  /** The author, their organisation or a hub officer edits the content while the item is not public. */
  async update(actor: Actor, id: string, input: UpdateKnowledgeItemDto, ifMatch?: number): Promise<KnowledgeItemView> {
    return this.uow.run(async (tx) => {
      const k = await tx.items.getScoped(actor, id); // 404 outside the actor's scope
      if (!mayEdit(actor, k))
        throw KnowledgeError('KNOWLEDGE_FORBIDDEN', 'only the author, their organisation or hub officers edit an item');
      const expected = expectVersion(k, ifMatch ?? input.version);
      assertEditable(k);
      const { version: _v, organisations, ...rest } = input;
      const set: ContentSet = { ...rest, ...(organisations ? { organisationIds: organisations } : {}) };
      const merged: KnowledgeItemEntity = { ...k, ...set };
      await this.validate(tx, { ...merged, organisations: merged.organisationIds }); // 400
      await this.applyContent(tx, actor, k, set, expected, 'updated');
      return toKnowledgeView(k, actor.role);
    });
  }

  /**
   * Edits the content of `k` (editable statuses only; the caller validated it) when the version
   * read still holds: the row, a version and the audit event. False when nothing changed (nothing
   * is written then).
   */
  async applyContent(
    tx: KnowledgeTx,
    actor: Actor,
    k: KnowledgeItemEntity,
    set: ContentSet,
    expected: number,
    change: Change,
  ): Promise<boolean> {
    assertEditable(k);
    if (set.objectives) set = { ...set, objectives: [...set.objectives].sort((a, b) => a - b) };
    const delta = changedFields(snapshotOf(k), snapshotOf({ ...k, ...set }));
    if (!Object.keys(delta.after).length) return false;
    Object.assign(k, set, { updatedAt: this.clock.now() });
    if (!(await tx.items.saveContent(k, expected))) throw stale(); // WHERE version = :v
    k.version = expected + 1;
    // the findings follow the text in the same transaction: an edit that removes personal data redacts its findings
    await tx.privacy.record(personalDataSubject(k), personalDataFields(k), { complete: true });
    tx.items.addVersion(this.versionOf(k, actor, change));
    tx.audit.record({
      actor,
      action: `knowledge.item.${change}`,
      entityType: 'knowledge_item',
      entityId: k.id,
      ...delta,
    });
    return true;
  }

  /**
   * One step of the workflow (knowledge-item.workflow.ts): who may take it, what must hold, what it
   * changes, who is told. `t`: inside the caller's transaction (bulk loading).
   */
  async act(
    actor: Actor,
    id: string,
    action: KnowledgeAction,
    input: KnowledgeActionDto,
    ifMatch?: number,
    t?: Transaction,
  ): Promise<KnowledgeItemView> {
    if (action === 'publish' && mayReview(actor)) {
      // the text is scanned again and the findings committed first, so a refused publish still leaves them
      // to be seen, redacted or overridden (an item written before the scanner, or a rule that changed)
      const rescan = (tx: KnowledgeTx) => this.rescan(tx, actor, id);
      await (t ? this.uow.within(t, rescan) : this.uow.run(rescan));
    }
    const work = async (tx: KnowledgeTx) => {
      const k = await tx.items.getScoped(actor, id); // 404 outside the actor's scope
      return toKnowledgeView(await this.transition(tx, actor, k, action, input, ifMatch), actor.role);
    };
    return t ? this.uow.within(t, work) : this.uow.run(work);
  }

  /**
   * Scans the text of an item in review and brings its findings in step (nothing written when they
   * already are); the refusals (404, 403, 409) are left to the transition.
   */
  private async rescan(tx: KnowledgeTx, actor: Actor, id: string): Promise<void> {
    const k = await tx.items.findScoped(actor, id);
    if (k?.status === 'in_review')
      await tx.privacy.record(personalDataSubject(k), personalDataFields(k), { complete: true });
  }

  /** The personal-data findings in the item's text, with their place (field, offsets) and masked excerpt. */
  async personalData(actor: Actor, id: string): Promise<FindingView[]> {
    const k = await this.items.getScoped(actor, id); // 404 outside the actor's scope
    return this.uow.run(async (tx) => (await tx.privacy.list(personalDataSubject(k))).map(findingView));
  }

  /**
   * A reviewer keeps an open finding with a reason (the data is not a migrant's, or is public): audited,
   * and the finding no longer blocks publishing. Not by the item's author: the override is a review decision.
   */
  async overridePersonalData(actor: Actor, id: string, findingId: string, reason: string): Promise<FindingView> {
    if (!mayReview(actor))
      throw KnowledgeError('KNOWLEDGE_FORBIDDEN', 'reviewers (hub officers, admins) override personal-data findings');
    return this.uow.run(async (tx) => {
      const k = await tx.items.getScoped(actor, id);
      if (k.createdById === actor.id)
        throw KnowledgeError('KNOWLEDGE_FORBIDDEN', 'the author does not override the findings in their own item');
      const result = await tx.privacy.override(personalDataSubject(k), findingId, reason.trim(), actor.id);
      if (!result)
        throw KnowledgeError('PERSONAL_DATA_FINDING_NOT_FOUND', 'no such personal-data finding on this item');
      if (!result.changed)
        throw KnowledgeError(
          'PERSONAL_DATA_FINDING_NOT_OPEN',
          `the finding is ${result.finding.status}, not open: only open findings are overridden`,
        );
      const f = result.finding;
      tx.audit.record({
        actor,
        action: 'knowledge.item.personal_data_overridden',
        entityType: 'knowledge_item',
        entityId: k.id,
        before: { findingId: f.id, status: 'open' },
        after: {
          findingId: f.id,
          status: f.status,
          field: f.field,
          kind: f.kind,
          excerpt: f.excerpt,
          reason: f.overrideReason,
        },
      });
      return findingView(f);
    });
  }

  /**
   * The step on an item read in this transaction. Written: the item (status and version, guarded in
   * SQL), on a first publish by this reviewer their declaration, a version, the audit events, the
   * published projection (upserted on publish, removed when the item stops being public), the
   * notification of the author.
   */
  async transition(
    tx: KnowledgeTx,
    actor: Actor,
    item: KnowledgeItemEntity,
    action: KnowledgeAction,
    input: KnowledgeActionDto,
    ifMatch?: number,
  ): Promise<KnowledgeItemEntity> {
    const step = stepFor(item, action, actor); // 403 for the role or the item, 409 for the state
    expectVersion(item, ifMatch ?? input.version); // 409 when stale
    const outcome = (await step.guard?.({ item, actor, input, reads: tx.reads(item) })) ?? NOTHING; // 409 / 422
    const now = this.clock.now();
    const set = changesOf(action, actor, now);
    if (!(await tx.items.transition(item, set))) throw stale(); // WHERE status = :from AND version = :v
    const from = item.status;
    const k = Object.assign(item, set, { version: item.version + 1 });

    if (outcome.declaration) await tx.items.saveReview(this.declareOn(tx, actor, k.id, outcome.declaration));
    tx.items.addVersion(this.versionOf(k, actor, action));
    tx.audit.record({
      actor,
      action: `knowledge.item.${action}`,
      entityType: 'knowledge_item',
      entityId: k.id,
      before: { status: from },
      after: { status: k.status, ...(input.note ? { note: input.note } : {}) },
    });
    const effect = projectionEffect(from, k.status);
    if (effect === 'upsert')
      await tx.search.upsert(
        buildProjection(k, await this.organisations.byIds(k.organisationIds, tx.transaction), this.reference),
      );
    else if (effect === 'remove') await tx.search.remove(k.id);
    const audience = step.tell?.audience(k);
    if (step.tell && audience)
      tx.notify({
        to: audience,
        except: actor.id,
        kind: `knowledge.item.${action}`,
        title: step.tell.title,
        body: input.note ? `${k.title}\n\n${input.note}` : k.title,
        entityType: 'knowledge_item',
        entityId: k.id,
      });
    return k;
  }

  /** A reviewer declares, before deciding, whether they have a conflict of interest (true blocks their review). */
  async declare(actor: Actor, id: string, input: ReviewDeclarationDto) {
    if (!mayReview(actor)) throw KnowledgeError('KNOWLEDGE_FORBIDDEN', 'hub officers review knowledge items');
    return this.uow.run(async (tx) => {
      const k = await tx.items.getScoped(actor, id);
      if (k.status !== 'in_review')
        throw KnowledgeError(
          'KNOWLEDGE_INVALID_TRANSITION',
          `reviews are declared on items in review, not ${k.status}`,
        );
      if (k.createdById === actor.id)
        throw KnowledgeError('KNOWLEDGE_PUBLISHER_IS_AUTHOR', 'authors do not review their own item');
      const r = this.declareOn(tx, actor, k.id, input);
      await tx.items.saveReview(r);
      return {
        itemId: k.id,
        reviewerId: actor.id,
        conflictOfInterest: r.conflictOfInterest,
        conflictStatement: r.conflictStatement,
        comment: r.comment,
        declaredAt: r.declaredAt.toISOString(),
      };
    });
  }

  async reviews(actor: Actor, id: string) {
    await this.items.getScoped(actor, id);
    return (await this.items.reviews(id)).map((r) => ({
      reviewerId: r.reviewerId,
      conflictOfInterest: r.conflictOfInterest,
      conflictStatement: r.conflictStatement,
      comment: r.comment,
      declaredAt: r.declaredAt.toISOString(),
    }));
  }

  async versions(actor: Actor, id: string, afterVersion: number | undefined, limit: number) {
    await this.items.getScoped(actor, id);
    return (await this.items.versions(id, afterVersion, limit)).map((v) => ({
      version: v.version,
      change: v.change,
      actorId: v.actorId,
      at: v.at.toISOString(),
      snapshot: v.snapshot,
    }));
  }

  async version(actor: Actor, id: string, n: number) {
    await this.items.getScoped(actor, id);
    const v = await this.items.version(id, n);
    if (!v) throw KnowledgeError('KNOWLEDGE_NOT_FOUND', `no version ${n} of this item`);
    return { version: v.version, change: v.change, actorId: v.actorId, at: v.at.toISOString(), snapshot: v.snapshot };
  }

  async diff(actor: Actor, id: string, from: number, to: number) {
    await this.items.getScoped(actor, id);
    const [a, b] = await Promise.all([this.items.version(id, from), this.items.version(id, to)]);
    if (!a || !b) throw KnowledgeError('KNOWLEDGE_NOT_FOUND', `no version ${!a ? from : to} of this item`);
    return { itemId: id, from, to, changes: diffSnapshots(a.snapshot, b.snapshot) };
  }

  /**
   * A completed request becomes a solution in review (source hub, sourceId = request id), in the
   * transaction of the event's job. Idempotent: a second delivery finds the item and does nothing.
   */
  async solutionFromRequest(tx: KnowledgeTx, facts: SolutionFacts): Promise<KnowledgeItemEntity | null> {
    if (await tx.items.findBySource('hub', facts.id)) return null;
    const named = [facts.leadOrganisationId, ...facts.organisationIds].filter((x): x is string => !!x);
    const known = new Set((await this.organisations.byIds(named, tx.transaction)).map((o) => o.id));
    const lessons = facts.lessonsLearned?.trim() || 'Lessons learned to be completed from the final report.';
    const body = [
      `Replicated from request **${facts.reference}** (${facts.countryCode}).`,
      '',
      '## Lessons learned',
      '',
      lessons,
      ...(facts.finalReportId ? ['', `Final report: ${facts.finalReportId}`] : []),
    ].join('\n');
    const [item] = await this.insertItems(
      tx,
      SYSTEM_ACTOR,
      [
        {
          kind: 'solution',
          title: facts.title,
          summary: lessons.slice(0, 5000),
          body,
          objectives: facts.objectives.filter((o) => this.reference.isObjective(o)),
          countries: this.reference.isCountry(facts.countryCode) ? [facts.countryCode] : [],
          organisations: [...new Set(named)].filter((id) => known.has(id)),
          source: 'hub',
          sourceId: facts.id,
          replicatedFrom: { requestId: facts.id, reference: facts.reference },
          tags: ['replicable-solution'],
        },
      ],
      'created',
    );
    return this.transition(tx, SYSTEM_ACTOR, item, 'submit_for_review', {});
  }

  /**
   * New drafts (validated) by `actor`: the rows in one statement, a first version and an audit
   * event each.
   */
  async insertItems(
    tx: KnowledgeTx,
    actor: Actor,
    inputs: readonly NewItem[],
    change: 'created' | 'imported',
  ): Promise<KnowledgeItemEntity[]> {
    const now = this.clock.now();
    const items = inputs.map((input) =>
      Object.assign(new KnowledgeItemEntity(), {
        id: newId(),
        kind: input.kind,
        status: 'draft',
        title: input.title.trim(),
        summary: input.summary ?? '',
        body: input.body ?? '',
        objectives: [...input.objectives].sort((a, b) => a - b),
        actions: input.actions ?? [],
        principles: input.principles ?? [],
        countries: input.countries ?? [],
        regions: input.regions ?? [],
        organisationIds: input.organisations ?? [],
        tags: input.tags ?? [],
        language: input.language ?? 'en',
        translations: input.translations ?? {},
        source: input.source ?? 'manual',
        sourceId: input.sourceId ?? null,
        sourceUrl: input.sourceUrl ?? null,
        licence: input.licence ?? 'CC-BY-4.0',
        year: input.year ?? null,
        replicatedFromRequestId: input.replicatedFrom?.requestId ?? null,
        replicatedFromReference: input.replicatedFrom?.reference ?? null,
        createdById: actor.id,
        organisationId: actor.organisationId ?? null,
        publishedById: null,
        publishedAt: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      } satisfies KnowledgeItemEntity),
    );
    await tx.items.insert(items);
    for (const item of items) {
      await tx.privacy.record(personalDataSubject(item), personalDataFields(item), { fresh: true });
      tx.items.addVersion(this.versionOf(item, actor, change));
      tx.audit.record({
        actor,
        action: `knowledge.item.${change}`,
        entityType: 'knowledge_item',
        entityId: item.id,
        after: snapshotOf(item),
      });
    }
    return items;
  }

  /** The reference checks of an item's content (in this transaction): 400 with every bad field named. */
  private async validate(tx: KnowledgeTx, input: ContentInput): Promise<void> {
    const fields = await checkContent(this.reference, this.organisations, input, tx.transaction);
    if (fields.length)
      throw KnowledgeError('KNOWLEDGE_INVALID_FIELD', fields.map((f) => f.message).join('; '), { fields });
  }

  /** A reviewer's declaration, with its audit event; the caller writes the row. */
  private declareOn(
    tx: KnowledgeTx,
    actor: Actor,
    itemId: string,
    input: { conflictOfInterest: boolean; conflictStatement?: string | null; comment?: string | null },
  ): KnowledgeReviewEntity {
    const r = Object.assign(new KnowledgeReviewEntity(), {
      id: newId(),
      itemId,
      reviewerId: actor.id,
      conflictOfInterest: input.conflictOfInterest,
      conflictStatement: input.conflictStatement ?? null,
      comment: input.comment ?? null,
      declaredAt: this.clock.now(),
    } satisfies KnowledgeReviewEntity);
    tx.audit.record({
      actor,
      action: 'knowledge.review.declared',
      entityType: 'knowledge_item',
      entityId: itemId,
      after: { conflictOfInterest: r.conflictOfInterest, conflictStatement: r.conflictStatement },
    });
    return r;
  }

  private versionOf(k: KnowledgeItemEntity, actor: Actor, change: Change): KnowledgeItemVersionEntity {
    return Object.assign(new KnowledgeItemVersionEntity(), {
      id: newId(),
      itemId: k.id,
      version: k.version,
      change,
      snapshot: snapshotOf(k),
      actorId: actor.id,
      at: this.clock.now(),
    } satisfies KnowledgeItemVersionEntity);
  }
}

const NOTHING: StepOutcome = {};

/** Content is edited while the item is not public: KNOWLEDGE_NOT_EDITABLE (409) otherwise. */
function assertEditable(k: KnowledgeItemEntity): void {
  if (!isEditable(k.status))
    throw KnowledgeError(
      'KNOWLEDGE_NOT_EDITABLE',
      `an item is edited while draft or in review, not ${k.status}; return it to draft first`,
    );
}

const stale = () => KnowledgeError('KNOWLEDGE_STALE_VERSION', 'the item was changed by someone else; reload and retry');

/** The version the caller read (If-Match or the body), checked against the row; answers it. */
function expectVersion(k: KnowledgeItemEntity, read: number | undefined): number {
  const expected = read ?? k.version;
  if (expected !== k.version)
    throw KnowledgeError('KNOWLEDGE_STALE_VERSION', 'the item was changed by someone else; reload and retry', {
      currentVersion: k.version,
    });
  return expected;
}

export interface SolutionFacts {
  id: string;
  reference: string;
  title: string;
  countryCode: string;
  objectives: number[];
  leadOrganisationId: string | null;
  organisationIds: string[];
  lessonsLearned?: string | null;
  finalReportId?: string | null;
}
