import fc from 'fast-check';
import { ROLES } from '@cbm/core';
import {
  allowedKnowledgeActions,
  decideKnowledge,
  isEditable,
  KNOWLEDGE_ACTIONS,
  KNOWLEDGE_STATUSES,
  KnowledgeStatus,
  projectionEffect,
} from './knowledge-item.workflow';

/** The README's workflow, written out again by hand: the code must agree with it. */
const REVIEWERS = ['hub_officer', 'admin'];
const TABLE: [KnowledgeStatus, string, KnowledgeStatus, string[]][] = [
  ['draft', 'submit_for_review', 'in_review', ['hub_officer', 'partner_officer', 'admin', 'system']],
  ['in_review', 'publish', 'published', REVIEWERS],
  ['draft', 'archive', 'archived', REVIEWERS],
  ['in_review', 'archive', 'archived', REVIEWERS],
  ['published', 'archive', 'archived', REVIEWERS],
  ['in_review', 'return_to_draft', 'draft', REVIEWERS],
  ['published', 'return_to_draft', 'draft', REVIEWERS],
  ['archived', 'return_to_draft', 'draft', REVIEWERS],
];
const ACTORS = [...ROLES, 'system'] as const;

describe('knowledge workflow (properties)', () => {
  it('allows exactly the transitions of the table', () => {
    for (const status of KNOWLEDGE_STATUSES)
      for (const action of KNOWLEDGE_ACTIONS)
        for (const role of ACTORS) {
          const row = TABLE.find(([s, a, , roles]) => s === status && a === action && roles.includes(role));
          const d = decideKnowledge(status, action, role);
          expect({ status, action, role, ok: d.ok, to: d.ok ? d.transition.to : undefined }).toEqual({
            status,
            action,
            role,
            ok: !!row,
            to: row?.[2],
          });
        }
  });

  it('keeps the projection in step with publication whatever the sequence of actions and roles', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ action: fc.constantFrom(...KNOWLEDGE_ACTIONS), role: fc.constantFrom(...ACTORS) }), {
          maxLength: 60,
        }),
        (steps) => {
          let status: KnowledgeStatus = 'draft';
          let projected = false;
          let reviewed = false;
          for (const { action, role } of steps) {
            const d = decideKnowledge(status, action, role);
            expect(allowedKnowledgeActions(status, role).includes(action)).toBe(d.ok);
            if (!d.ok) continue;
            const effect = projectionEffect(status, d.transition.to);
            if (effect === 'upsert') projected = true;
            if (effect === 'remove') projected = false;
            if (status === 'in_review') reviewed = true;
            status = d.transition.to;
            // public exactly while published; published only through review; never editable while public
            expect(projected).toBe(status === 'published');
            if (status === 'published') expect(reviewed).toBe(true);
            if (status === 'published') expect(isEditable(status)).toBe(false);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
