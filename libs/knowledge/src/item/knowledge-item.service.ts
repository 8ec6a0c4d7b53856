import { Injectable } from '@nestjs/common';
import { Actor, Clock, Database, newId, SYSTEM_ACTOR } from '@cbm/core';
import { AuditService, changedFields } from '@cbm/audit';
import { OrganisationService, ReferenceService } from '@cbm/reference';
import { EntityManager } from 'typeorm';
import { buildProjection } from '../search/knowledge-projection';
import { KnowledgeSearchRepository } from '../search/knowledge-search.repository';
import {
  CreateKnowledgeItemDto,
  KnowledgeActionDto,
  ReviewDeclarationDto,
  UpdateKnowledgeItemDto,
} from './dto/knowledge-item.dto';
import { checkContent, ContentInput } from './knowledge-content';
import { KnowledgeItemVersionEntity } from './knowledge-item-version.entity';
import { KnowledgeItemEntity } from './knowledge-item.entity';
import { KnowledgeError } from './knowledge-item.errors';
import { KnowledgeItemRepository } from './knowledge-item.repository';
import {
  decideKnowledge,
  isEditable,
  KNOWLEDGE_AUTHORS,
  KnowledgeAction,
  KnowledgeStatus,
} from './knowledge-item.workflow';
import { KnowledgeReviewEntity } from './knowledge-review.entity';
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
  source?: string;
  sourceId?: string | null;
  replicatedFrom?: { requestId: string; reference: string };
}

@Injectable()
export class KnowledgeItemService {
  constructor(
    private readonly db: Database,
    private readonly repo: KnowledgeItemRepository,
    private readonly search: KnowledgeSearchRepository,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
    private readonly organisations: OrganisationService,
    private readonly clock: Clock,
  ) {}

  async validate(m: EntityManager | undefined, input: ContentInput): Promise<void> {
    const fields = await checkContent(this.reference, this.organisations, m, input);
    if (fields.length)
      throw KnowledgeError('KNOWLEDGE_INVALID_FIELD', fields.map((f) => f.message).join('; '), { fields });
  }

  async create(actor: Actor, input: CreateKnowledgeItemDto): Promise<KnowledgeItemView> {
    if (!KNOWLEDGE_AUTHORS.includes(actor.role as never))
      throw KnowledgeError('KNOWLEDGE_FORBIDDEN', 'hub and partner officers write knowledge items');
    return this.db.transaction(async ({ manager: m }) => {
      await this.validate(m, input);
      const item = await this.insertItem(m, actor, { ...input, source: 'manual' }, 'draft', 'created');
      return toKnowledgeView(item, actor.role);
    });
  }

  /** Inserts a validated item with its first version and audit event, in the caller's transaction. */
  async insertItem(
    m: EntityManager,
    actor: Actor,
    input: NewItem,
    status: KnowledgeStatus,
    change: string,
  ): Promise<KnowledgeItemEntity> {
    const now = this.clock.now();
    const item = Object.assign(new KnowledgeItemEntity(), {
      id: newId(),
      kind: input.kind,
      status,
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
    });
    await this.repo.insert(m, item);
    await this.addVersion(m, actor, item, change);
    await this.audit.record(m, {
      actor,
      action: `knowledge.item.${change}`,
      entityType: 'knowledge_item',
      entityId: item.id,
      after: snapshotOf(item),
    });
    return item;
  }

  async get(actor: Actor, id: string): Promise<KnowledgeItemView> {
    return toKnowledgeView(await this.mustFind(actor, id), actor.role);
  }

  async list(
    actor: Actor,
    status: KnowledgeStatus[] | undefined,
    afterId: string | undefined,
    limit: number,
  ): Promise<KnowledgeItemView[]> {
    return (await this.repo.list(actor, status, afterId, limit)).map((k) => toKnowledgeView(k, actor.role));
  }

  private async mustFind(actor: Actor, id: string, m?: EntityManager): Promise<KnowledgeItemEntity> {
    const k = await this.repo.findScoped(actor, id, m);
    if (!k) throw KnowledgeError('KNOWLEDGE_NOT_FOUND', 'no such knowledge item');
    return k;
  }

  private mayEdit(actor: Actor, k: KnowledgeItemEntity): boolean {
    if (actor.role === 'hub_officer' || actor.role === 'admin' || actor.role === 'system') return true;
    return (
      actor.role === 'partner_officer' &&
      (k.createdById === actor.id || (!!actor.organisationId && k.organisationId === actor.organisationId))
    );
  }

  async update(actor: Actor, id: string, input: UpdateKnowledgeItemDto, ifMatch?: number): Promise<KnowledgeItemView> {
    return this.db.transaction(async ({ manager: m }) => {
      const k = await this.mustFind(actor, id, m);
      if (!this.mayEdit(actor, k))
        throw KnowledgeError('KNOWLEDGE_FORBIDDEN', 'only the author, their organisation or hub officers edit an item');
      const expected = ifMatch ?? input.version ?? k.version;
      if (expected !== k.version)
        throw KnowledgeError('KNOWLEDGE_STALE_VERSION', 'the item was changed by someone else; reload and retry', {
          currentVersion: k.version,
        });
      const { version: _v, organisations, ...rest } = input;
      await this.applyContent(
        m,
        actor,
        k,
        { ...rest, ...(organisations ? { organisationIds: organisations } : {}) },
        expected,
        'updated',
      );
      return toKnowledgeView(k, actor.role);
    });
  }

  /** Edits content (editable statuses only), writes a version and the audit event. False when nothing changed. */
  async applyContent(
    m: EntityManager,
    actor: Actor,
    k: KnowledgeItemEntity,
    set: Partial<KnowledgeItemEntity>,
    expected: number,
    change: string,
  ): Promise<boolean> {
    if (!isEditable(k.status))
      throw KnowledgeError(
        'KNOWLEDGE_NOT_EDITABLE',
        `an item is edited while draft or in review, not ${k.status}; return it to draft first`,
      );
    const merged = { ...k, ...set } as KnowledgeItemEntity;
    await this.validate(m, { ...merged, organisations: merged.organisationIds });
    const before = snapshotOf(k);
    if (set.objectives) set.objectives = [...set.objectives].sort((a, b) => a - b);
    const delta = changedFields(before, snapshotOf({ ...k, ...set } as KnowledgeItemEntity));
    if (!Object.keys(delta.after).length) return false;
    Object.assign(k, set, { updatedAt: this.clock.now() });
    if (!(await this.repo.saveIfVersion(m, k, expected)))
      throw KnowledgeError('KNOWLEDGE_STALE_VERSION', 'the item was changed by someone else; reload and retry');
    k.version = expected + 1;
    await this.addVersion(m, actor, k, change);
    await this.audit.record(m, {
      actor,
      action: `knowledge.item.${change}`,
      entityType: 'knowledge_item',
      entityId: k.id,
      ...delta,
    });
    return true;
  }

  async act(
    actor: Actor,
    id: string,
    action: KnowledgeAction,
    input: KnowledgeActionDto,
    ifMatch?: number,
  ): Promise<KnowledgeItemView> {
    return this.db.transaction(async ({ manager: m }) => {
      const k = await this.mustFind(actor, id, m);
      const item = await this.transition(m, actor, k, action, input, ifMatch);
      return toKnowledgeView(item, actor.role);
    });
  }

  /** One guarded status change: state machine, author/publisher rule, conflicts, SQL guard, version, audit, projection. */
  async transition(
    m: EntityManager,
    actor: Actor,
    k: KnowledgeItemEntity,
    action: KnowledgeAction,
    input: KnowledgeActionDto,
    ifMatch?: number,
  ): Promise<KnowledgeItemEntity> {
    const decision = decideKnowledge(k.status, action, actor.role);
    if (!decision.ok && decision.reason === 'role')
      throw KnowledgeError('KNOWLEDGE_FORBIDDEN', `a ${actor.role} may not ${action} a knowledge item`, {
        allowedActions: decision.allowed,
      });
    if (!decision.ok)
      throw KnowledgeError('KNOWLEDGE_INVALID_TRANSITION', `cannot ${action} an item that is ${k.status}`, {
        currentStatus: k.status,
        allowedActions: decision.allowed,
      });
    if (action === 'submit_for_review' && !this.mayEdit(actor, k))
      throw KnowledgeError('KNOWLEDGE_FORBIDDEN', 'only the author, their organisation or hub officers submit an item');
    const expected = ifMatch ?? input.version ?? k.version;
    if (expected !== k.version)
      throw KnowledgeError('KNOWLEDGE_STALE_VERSION', 'the item was changed by someone else; reload and retry', {
        currentVersion: k.version,
      });
    const reviewing = k.status === 'in_review' && (action === 'publish' || action === 'return_to_draft');
    if (reviewing) await this.guardReview(m, actor, k, action, input);
    const now = this.clock.now();
    const from = k.status;
    const set: Partial<KnowledgeItemEntity> = { status: decision.transition.to, updatedAt: now };
    if (action === 'publish') Object.assign(set, { publishedAt: now, publishedById: actor.id });
    Object.assign(k, set);
    if (!(await this.repo.saveIfVersion(m, k, expected, from)))
      throw KnowledgeError('KNOWLEDGE_STALE_VERSION', 'the item was changed by someone else; reload and retry');
    k.version = expected + 1;
    await this.addVersion(m, actor, k, action);
    await this.audit.record(m, {
      actor,
      action: `knowledge.item.${action}`,
      entityType: 'knowledge_item',
      entityId: k.id,
      before: { status: from },
      after: { status: k.status, ...(input.note ? { note: input.note } : {}) },
    });
    if (k.status === 'published')
      await this.search.upsert(
        m,
        buildProjection(k, await this.organisations.byIds(k.organisationIds, m), this.reference),
      );
    else if (from === 'published') await this.search.remove(m, k.id);
    return k;
  }

  /** The Network Hub's peer-review model: not your own item, and a declared conflict blocks you. */
  private async guardReview(
    m: EntityManager,
    actor: Actor,
    k: KnowledgeItemEntity,
    action: KnowledgeAction,
    input: KnowledgeActionDto,
  ): Promise<void> {
    if (action === 'publish' && k.createdById === actor.id)
      throw KnowledgeError('KNOWLEDGE_PUBLISHER_IS_AUTHOR', 'the publisher must not be the author of the item');
    const declared = await this.repo.review(m, k.id, actor.id);
    if (declared?.conflictOfInterest || input.conflictOfInterest === true) {
      throw KnowledgeError(
        'KNOWLEDGE_CONFLICT_OF_INTEREST',
        'you declared a conflict of interest on this item: another reviewer must decide',
      );
    }
    if (action === 'publish' && !declared) {
      if (input.conflictOfInterest === undefined)
        throw KnowledgeError(
          'KNOWLEDGE_DECLARATION_REQUIRED',
          'declare whether you have a conflict of interest (conflictOfInterest: false) to publish',
          { fields: [{ field: 'conflictOfInterest', message: 'required to publish' }] },
        );
      await this.saveDeclaration(m, actor, k.id, { conflictOfInterest: false, comment: input.note });
    }
  }

  async declare(actor: Actor, id: string, input: ReviewDeclarationDto) {
    if (actor.role !== 'hub_officer' && actor.role !== 'admin')
      throw KnowledgeError('KNOWLEDGE_FORBIDDEN', 'hub officers review knowledge items');
    return this.db.transaction(async ({ manager: m }) => {
      const k = await this.mustFind(actor, id, m);
      if (k.status !== 'in_review')
        throw KnowledgeError(
          'KNOWLEDGE_INVALID_TRANSITION',
          `reviews are declared on items in review, not ${k.status}`,
        );
      if (k.createdById === actor.id)
        throw KnowledgeError('KNOWLEDGE_PUBLISHER_IS_AUTHOR', 'authors do not review their own item');
      return this.saveDeclaration(m, actor, k.id, input);
    });
  }

  private async saveDeclaration(m: EntityManager, actor: Actor, itemId: string, input: ReviewDeclarationDto) {
    const r = Object.assign(new KnowledgeReviewEntity(), {
      id: newId(),
      itemId,
      reviewerId: actor.id,
      conflictOfInterest: input.conflictOfInterest,
      conflictStatement: input.conflictStatement ?? null,
      comment: input.comment ?? null,
      declaredAt: this.clock.now(),
    });
    await this.repo.saveReview(m, r);
    await this.audit.record(m, {
      actor,
      action: 'knowledge.review.declared',
      entityType: 'knowledge_item',
      entityId: itemId,
      after: { conflictOfInterest: r.conflictOfInterest, conflictStatement: r.conflictStatement },
    });
    return {
      itemId,
      reviewerId: actor.id,
      conflictOfInterest: r.conflictOfInterest,
      conflictStatement: r.conflictStatement,
      comment: r.comment,
      declaredAt: r.declaredAt.toISOString(),
    };
  }

  async reviews(actor: Actor, id: string) {
    await this.mustFind(actor, id);
    return (await this.repo.reviews(id)).map((r) => ({
      reviewerId: r.reviewerId,
      conflictOfInterest: r.conflictOfInterest,
      conflictStatement: r.conflictStatement,
      comment: r.comment,
      declaredAt: r.declaredAt.toISOString(),
    }));
  }

  private async addVersion(m: EntityManager, actor: Actor, k: KnowledgeItemEntity, change: string): Promise<void> {
    await this.repo.addVersion(
      m,
      Object.assign(new KnowledgeItemVersionEntity(), {
        id: newId(),
        itemId: k.id,
        version: k.version,
        change,
        snapshot: snapshotOf(k),
        actorId: actor.id,
        at: this.clock.now(),
      }),
    );
  }

  async versions(actor: Actor, id: string, afterVersion: number | undefined, limit: number) {
    await this.mustFind(actor, id);
    return (await this.repo.versions(id, afterVersion, limit)).map((v) => ({
      version: v.version,
      change: v.change,
      actorId: v.actorId,
      at: v.at.toISOString(),
      snapshot: v.snapshot,
    }));
  }

  async version(actor: Actor, id: string, n: number) {
    await this.mustFind(actor, id);
    const v = await this.repo.version(id, n);
    if (!v) throw KnowledgeError('KNOWLEDGE_NOT_FOUND', `no version ${n} of this item`);
    return { version: v.version, change: v.change, actorId: v.actorId, at: v.at.toISOString(), snapshot: v.snapshot };
  }

  async diff(actor: Actor, id: string, from: number, to: number) {
    await this.mustFind(actor, id);
    const [a, b] = await Promise.all([this.repo.version(id, from), this.repo.version(id, to)]);
    if (!a || !b) throw KnowledgeError('KNOWLEDGE_NOT_FOUND', `no version ${!a ? from : to} of this item`);
    return { itemId: id, from, to, changes: diffSnapshots(a.snapshot, b.snapshot) };
  }

  /**
   * A completed request becomes a solution in review (source hub, sourceId = request id).
   * Idempotent: a second delivery of the event finds the item and does nothing.
   */
  async solutionFromRequest(m: EntityManager, facts: SolutionFacts): Promise<KnowledgeItemEntity | null> {
    if (await this.repo.findBySource(m, 'hub', facts.id)) return null;
    const organisations = [];
    for (const id of new Set([facts.leadOrganisationId, ...facts.organisationIds].filter((x): x is string => !!x)))
      if (await this.organisations.organisationExists(id, m)) organisations.push(id);
    const lessons = facts.lessonsLearned?.trim() || 'Lessons learned to be completed from the final report.';
    const body = [
      `Replicated from request **${facts.reference}** (${facts.countryCode}).`,
      '',
      '## Lessons learned',
      '',
      lessons,
      ...(facts.finalReportId ? ['', `Final report: ${facts.finalReportId}`] : []),
    ].join('\n');
    const countries = this.reference.isCountry(facts.countryCode) ? [facts.countryCode] : [];
    const item = await this.insertItem(
      m,
      SYSTEM_ACTOR,
      {
        kind: 'solution',
        title: facts.title,
        summary: lessons.slice(0, 5000),
        body,
        objectives: facts.objectives.filter((o) => this.reference.isObjective(o)),
        countries,
        organisations,
        source: 'hub',
        sourceId: facts.id,
        replicatedFrom: { requestId: facts.id, reference: facts.reference },
        tags: ['replicable-solution'],
      },
      'draft',
      'created',
    );
    return this.transition(m, SYSTEM_ACTOR, item, 'submit_for_review', {});
  }
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
