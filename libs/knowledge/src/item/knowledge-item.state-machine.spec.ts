import {
  allowedKnowledgeActions,
  decideKnowledge,
  KNOWLEDGE_STATUSES,
  KNOWLEDGE_TRANSITIONS,
} from './knowledge-item.state-machine';

describe('knowledge workflow', () => {
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
