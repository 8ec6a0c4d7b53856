import { Actor, SYSTEM_ACTOR } from '@cbm/core';
import { KnowledgeItemEntity } from './knowledge-item.entity';
import {
  allowedKnowledgeActions,
  changesOf,
  decideKnowledge,
  KNOWLEDGE_STATUSES,
  KNOWLEDGE_TRANSITIONS,
  KNOWLEDGE_WORKFLOW,
  KnowledgeReads,
  KnowledgeStatus,
  mayEdit,
  projectionEffect,
  StepInput,
  stepFor,
} from './knowledge-item.workflow';

const author: Actor = { id: 'a0000000-0000-7000-8000-000000000001', role: 'partner_officer', organisationId: 'org-1' };
const colleague: Actor = {
  id: 'a0000000-0000-7000-8000-000000000002',
  role: 'partner_officer',
  organisationId: 'org-1',
};
const stranger: Actor = {
  id: 'a0000000-0000-7000-8000-000000000003',
  role: 'partner_officer',
  organisationId: 'org-2',
};
const reviewer: Actor = { id: 'a0000000-0000-7000-8000-000000000004', role: 'hub_officer' };
const hubAuthor: Actor = { id: 'a0000000-0000-7000-8000-000000000005', role: 'hub_officer' };

const item = (status: KnowledgeStatus, by: Actor = author): KnowledgeItemEntity =>
  Object.assign(new KnowledgeItemEntity(), {
    id: 'k0000000-0000-7000-8000-000000000001',
    status,
    title: 'Portable pensions',
    createdById: by.id,
    organisationId: by.organisationId ?? null,
    version: 3,
  });

type OpenFinding = Awaited<ReturnType<KnowledgeReads['openPersonalData']>>[number];

/** Reads with the declarations on file, by reviewer id, and the open personal-data findings. */
const reads = (declared: Record<string, boolean> = {}, findings: OpenFinding[] = []): KnowledgeReads => ({
  declaration: async (id) => (id in declared ? { conflictOfInterest: declared[id] } : null),
  openPersonalData: async () => findings,
});

const guard = (
  status: KnowledgeStatus,
  action: 'publish' | 'return_to_draft',
  actor: Actor,
  input: StepInput,
  on = reads(),
) =>
  Promise.resolve(
    stepFor(item(status, hubAuthor), action, actor).guard?.({ item: item(status, hubAuthor), actor, input, reads: on }),
  );

describe('knowledge workflow: the table', () => {
  it.each([
    ['draft', 'submit_for_review', 'partner_officer', 'in_review'],
    ['in_review', 'publish', 'hub_officer', 'published'],
    ['published', 'archive', 'hub_officer', 'archived'],
    ['in_review', 'return_to_draft', 'admin', 'draft'],
    ['archived', 'return_to_draft', 'hub_officer', 'draft'],
    ['draft', 'submit_for_review', 'system', 'in_review'],
  ] as const)('%s --%s by %s--> %s', (from, action, role, to) => {
    const d = decideKnowledge(from, action, role);
    expect(d.ok && d.transition.to).toBe(to);
  });

  it('refuses a role that never takes the action, and an action from the wrong state', () => {
    expect(decideKnowledge('in_review', 'publish', 'partner_officer')).toMatchObject({ ok: false, reason: 'role' });
    expect(decideKnowledge('draft', 'publish', 'hub_officer')).toMatchObject({
      ok: false,
      reason: 'state',
      allowed: expect.arrayContaining(['submit_for_review', 'archive']),
    });
    expect(decideKnowledge('published', 'publish', 'system')).toMatchObject({ ok: false, reason: 'role' });
  });

  it('has no way from a draft to published without review', () => {
    for (const t of KNOWLEDGE_TRANSITIONS) if (t.to === 'published') expect(t.from).toEqual(['in_review']);
  });

  it('gives focal points and donors no action in any state', () => {
    for (const s of KNOWLEDGE_STATUSES) {
      expect(allowedKnowledgeActions(s, 'focal_point')).toEqual([]);
      expect(allowedKnowledgeActions(s, 'donor')).toEqual([]);
    }
  });
});

describe('knowledge workflow: who may act', () => {
  it('answers 403 for the role, 409 for the state', () => {
    expect(() => stepFor(item('in_review'), 'publish', author)).toThrow(
      expect.objectContaining({ code: 'KNOWLEDGE_FORBIDDEN', status: 403 }),
    );
    expect(() => stepFor(item('draft'), 'publish', reviewer)).toThrow(
      expect.objectContaining({ code: 'KNOWLEDGE_INVALID_TRANSITION', status: 409 }),
    );
  });

  it('lets the author, their organisation, UN staff and the system submit; not another organisation', () => {
    for (const who of [author, colleague, reviewer, SYSTEM_ACTOR])
      expect(stepFor(item('draft'), 'submit_for_review', who).to).toBe('in_review');
    expect(() => stepFor(item('draft'), 'submit_for_review', stranger)).toThrow(
      expect.objectContaining({ code: 'KNOWLEDGE_FORBIDDEN' }),
    );
    expect(mayEdit(stranger, item('draft'))).toBe(false);
  });
});

describe('knowledge workflow: the review guards', () => {
  it('the publisher is not the author', async () => {
    await expect(guard('in_review', 'publish', hubAuthor, { conflictOfInterest: false })).rejects.toMatchObject({
      code: 'KNOWLEDGE_PUBLISHER_IS_AUTHOR',
      status: 409,
    });
  });

  it('a reviewer without a declaration on file declares with the publish', async () => {
    await expect(guard('in_review', 'publish', reviewer, {})).rejects.toMatchObject({
      code: 'KNOWLEDGE_DECLARATION_REQUIRED',
      status: 422,
    });
    await expect(
      guard('in_review', 'publish', reviewer, { conflictOfInterest: false, note: 'sound' }),
    ).resolves.toEqual({ declaration: { conflictOfInterest: false, comment: 'sound' } });
    await expect(guard('in_review', 'publish', reviewer, {}, reads({ [reviewer.id]: false }))).resolves.toEqual({});
  });

  it('open personal-data findings block publish, after the reviewer checks, and are listed', async () => {
    const passport = { id: 'f1', field: 'body', kind: 'passport', start: 10, end: 18, excerpt: '••••••73' };
    await expect(
      guard('in_review', 'publish', reviewer, { conflictOfInterest: false }, reads({}, [passport])),
    ).rejects.toMatchObject({ code: 'PERSONAL_DATA_FOUND', status: 422, details: { findings: [passport] } });
    await expect(
      guard('in_review', 'publish', hubAuthor, { conflictOfInterest: false }, reads({}, [passport])),
    ).rejects.toMatchObject({ code: 'KNOWLEDGE_PUBLISHER_IS_AUTHOR' });
  });

  it('a declared conflict, on file or in the request, blocks publish and return to draft while in review', async () => {
    const conflicted = reads({ [reviewer.id]: true });
    for (const action of ['publish', 'return_to_draft'] as const) {
      await expect(
        guard('in_review', action, reviewer, { conflictOfInterest: false }, conflicted),
      ).rejects.toMatchObject({
        code: 'KNOWLEDGE_CONFLICT_OF_INTEREST',
        status: 409,
      });
      await expect(guard('in_review', action, reviewer, { conflictOfInterest: true })).rejects.toMatchObject({
        code: 'KNOWLEDGE_CONFLICT_OF_INTEREST',
      });
    }
    // out of review it is an editorial decision, not a review
    await expect(guard('published', 'return_to_draft', reviewer, {}, conflicted)).resolves.toEqual({});
  });
});

describe('knowledge workflow: effects and who is told', () => {
  const now = new Date('2026-05-01T10:00:00Z');

  it('publish records who published and when; the other steps only the status', () => {
    expect(changesOf('publish', reviewer, now)).toEqual({
      status: 'published',
      updatedAt: now,
      publishedAt: now,
      publishedById: reviewer.id,
    });
    expect(changesOf('archive', reviewer, now)).toEqual({ status: 'archived', updatedAt: now });
  });

  it('the public projection follows publication', () => {
    for (const t of KNOWLEDGE_TRANSITIONS)
      for (const from of t.from) {
        const effect = projectionEffect(from, t.to);
        if (t.to === 'published') expect(effect).toBe('upsert');
        else if (from === 'published') expect(effect).toBe('remove');
        else expect(effect).toBeNull();
      }
  });

  it('tells the author of a reviewer decision, no one of a submission, and no person for the system', () => {
    for (const action of ['publish', 'archive', 'return_to_draft'] as const)
      expect(KNOWLEDGE_WORKFLOW[action].tell?.audience(item('draft'))).toEqual({ userIds: [author.id] });
    expect(KNOWLEDGE_WORKFLOW.publish.tell?.title).toBe('Your knowledge item was published');
    expect(KNOWLEDGE_WORKFLOW.submit_for_review.tell).toBeUndefined();
    expect(KNOWLEDGE_WORKFLOW.publish.tell?.audience(item('published', SYSTEM_ACTOR))).toBeNull();
  });
});
