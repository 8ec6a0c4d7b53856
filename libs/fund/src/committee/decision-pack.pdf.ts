import PDFDocument from 'pdfkit';
import type { MoneyDto } from '@cbm/core';
import type { AllocationBriefView } from './committee.dto';

/** The meeting as the pack's cover shows it. */
export interface PackMeeting {
  id: string;
  title: string;
  date: string;
  version: number;
  generatedAt: Date;
}

/**
 * The decision pack: a cover with the agenda, then one section per proposal with the facts the
 * committee decides with (the request in short, the assessment's scores and markers, the partner-match
 * explanation, the plan in short, the fund impact, the conflicts). pdfkit with the standard PDF fonts
 * (no font files, no native code); text outside Latin-1 is shown as '?'. Answers the bytes and the
 * number of pages.
 */
export function renderDecisionPack(
  meeting: PackMeeting,
  items: AllocationBriefView[],
): Promise<{ bytes: Buffer; pages: number }> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    bufferPages: true,
    info: {
      Title: latin(`Decision pack: ${meeting.title} (${meeting.date}), version ${meeting.version}`),
      Author: 'CBM start-up fund',
      Subject: `Steering committee meeting ${meeting.id}`,
      CreationDate: meeting.generatedAt,
      ModDate: meeting.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const h1 = (s: string) => doc.font('Helvetica-Bold').fontSize(18).text(latin(s)).moveDown(0.5);
  const h2 = (s: string) => doc.moveDown(0.6).font('Helvetica-Bold').fontSize(12).text(latin(s)).moveDown(0.2);
  const p = (s: string) => doc.font('Helvetica').fontSize(10).text(latin(s));
  const kv = (k: string, v: string) =>
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(latin(`${k}: `), { continued: true })
      .font('Helvetica')
      .text(latin(v));

  h1('Steering committee: decision pack');
  kv('Meeting', meeting.title);
  kv('Date', meeting.date);
  kv('Pack version', String(meeting.version));
  kv('Generated', meeting.generatedAt.toISOString());
  h2('Agenda');
  if (!items.length) p('No proposal is on the agenda.');
  items.forEach((b, i) =>
    p(
      `${i + 1}. ${b.request?.reference ?? b.allocationId}: ${b.request?.title ?? ''} (${money(b.amount)}, ${b.status})`,
    ),
  );

  items.forEach((b, i) => {
    doc.addPage();
    h1(`${i + 1}. ${b.request?.reference ?? 'Request'}: ${b.request?.title ?? b.allocationId}`);
    kv('Allocation', `${b.allocationId} (${b.status})`);
    kv('Amount', `${money(b.amount)} over ${b.durationMonths} months`);
    kv('Tranches', b.tranches.map((t) => `${t.seq}. ${money(t.amount)} ${t.condition}`).join('; '));
    kv('Proposed', `${b.proposedAt} by ${b.proposedById}`);

    h2('The request');
    if (b.request) {
      kv('Country', b.request.countryCode);
      kv('GCM objectives', b.request.objectives.join(', '));
      kv('Estimated budget', b.request.estimatedBudget ? money(b.request.estimatedBudget) : 'not given');
      p(b.request.summary);
    } else p('The request could not be read.');

    h2('Assessment');
    if (b.assessment) {
      const a = b.assessment;
      kv('Version', String(a.version));
      kv('Weighted total', `${a.weightedTotal.toFixed(2)} of 4`);
      kv(
        'Scores',
        Object.entries(a.scores)
          .map(([c, s]) => `${c} ${s}`)
          .join(', '),
      );
      kv(
        'Markers',
        `gender ${a.genderMarker}, human rights ${a.humanRightsMarker}, child sensitivity ${a.childSensitivityMarker ?? 'not scored'}`,
      );
      kv('Recommendation', a.recommendation);
      p(a.rationale);
    } else p('No assessment counts yet.');
    for (const f of b.flags) kv('Flag', `${f.code}: ${f.message}`);

    h2('Partner match');
    if (!b.partnerMatches.length) p('No candidate organisation.');
    for (const m of b.partnerMatches) p(`${m.acronym} (score ${m.score.toFixed(3)}): ${m.reasons.join('; ')}`);

    h2('Implementation plan');
    if (b.plan) {
      kv('Organisations', b.plan.organisations.map((o) => `${o.organisationId} (${o.role})`).join(', '));
      kv('Budget', money(b.plan.budget));
      kv('Funding', b.plan.funding.map((f) => `${f.source} ${money(f.amount)} ${f.status}`).join('; ') || 'none');
      for (const m of b.plan.milestones) p(`${m.code} ${m.title}: due ${m.dueDate} (${m.status})`);
    } else p('No implementation plan yet.');

    h2('Fund impact');
    if (b.impact) {
      const f = b.impact;
      kv('Approval now', f.sufficient ? 'the money is there' : `short by ${money(f.shortBy)}`);
      kv('Unallocated', `${money(f.unallocatedBefore)} before, ${money(f.unallocatedAfter)} after`);
      kv('Pool', `${money(f.poolBefore)} before, ${money(f.poolAfter)} after`);
      if (!f.earmarks.length) p('No earmarked contribution matches: the pool pays.');
      for (const e of f.earmarks)
        p(`Earmarked ${e.contributionId}: ${money(e.before)} - ${money(e.draw)} = ${money(e.after)}`);
    } else p(`Decided (${b.status}): no draw to show.`);

    h2('Conflicts of interest');
    const c = b.conflicts;
    kv('Implementing organisations', c.implementingOrganisationIds.join(', ') || 'none yet');
    kv('Members who must recuse', c.conflictedMemberIds.join(', ') || 'none');
    kv('Recused so far', c.recusedMemberIds.join(', ') || 'none');
  });

  const pages = doc.bufferedPageRange().count;
  doc.end();
  return done.then((bytes) => ({ bytes, pages }));
}

/** `USD 150,000.00` from minor units. */
function money(m: MoneyDto): string {
  const v = BigInt(m.amount);
  const neg = v < 0n;
  const a = neg ? -v : v;
  return `${neg ? '-' : ''}${m.currency} ${(a / 100n).toLocaleString('en')}.${(a % 100n).toString().padStart(2, '0')}`;
}

/** The standard fonts cover Latin-1; anything else shows as '?'. */
const latin = (s: string) => s.replace(/[^\n\r\t\x20-\x7e\xa0-\xff]/g, '?');
