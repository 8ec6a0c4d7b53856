/**
 * Partner matching: a deterministic, explainable score per organisation. Pure: the
 * service gathers profiles, load and history, this ranks them.
 *
 * score = 0.50 objective fit + 0.20 presence + 0.15 capacity + 0.15 track record, each 0..1:
 * - objective fit: mean over the request's objectives of expertise level / 3 (0 when absent);
 * - presence: 1 in the country, 0.7 in its sub-region, 0.5 in its region, else 0;
 * - capacity: 1 / (1 + requests currently led / 3), so a free organisation scores 1;
 * - track record: 0.5 without history; else half delivery (completed requests, saturating
 *   at 3) and half on-time final reports among them.
 */
export const MATCH_WEIGHTS = { objectiveFit: 0.5, presence: 0.2, capacity: 0.15, trackRecord: 0.15 } as const;

export interface MatchRequest {
  objectives: number[];
  countryCode: string;
  region?: string;
  subregion?: string;
}

export interface MatchCandidate {
  organisationId: string;
  acronym: string;
  name: string;
  objectives: { objective: number; level: number }[];
  countries: string[];
  regions: string[];
  leading: number;
  history: { delivered: number; onTime: number } | null;
}

export interface MatchComponents {
  objectiveFit: number;
  presence: number;
  capacity: number;
  trackRecord: number;
}

export interface PartnerMatch {
  organisationId: string;
  acronym: string;
  name: string;
  score: number;
  components: MatchComponents;
  suggestedRole: 'lead' | 'participating';
  reasons: string[];
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function scoreCandidate(req: MatchRequest, c: MatchCandidate): Omit<PartnerMatch, 'suggestedRole'> {
  const reasons: string[] = [];
  const levels = new Map(c.objectives.map((o) => [o.objective, o.level]));
  const fit = req.objectives.length
    ? req.objectives.reduce((s, o) => s + (levels.get(o) ?? 0) / 3, 0) / req.objectives.length
    : 0;
  for (const o of req.objectives)
    if (levels.has(o)) reasons.push(`objective ${o}: expertise level ${levels.get(o)} of 3`);
  let presence = 0;
  if (c.countries.includes(req.countryCode)) {
    presence = 1;
    reasons.push(`present in ${req.countryCode}`);
  } else if (req.subregion && c.regions.includes(req.subregion)) {
    presence = 0.7;
    reasons.push(`present in ${req.subregion}`);
  } else if (req.region && c.regions.includes(req.region)) {
    presence = 0.5;
    reasons.push(`present in ${req.region}`);
  }
  const capacity = 1 / (1 + c.leading / 3);
  reasons.push(c.leading ? `currently leads ${c.leading} request(s)` : 'leads no request now');
  let trackRecord = 0.5;
  if (c.history && c.history.delivered > 0) {
    trackRecord = 0.5 * Math.min(1, c.history.delivered / 3) + 0.5 * (c.history.onTime / c.history.delivered);
    reasons.push(`delivered ${c.history.delivered} request(s), ${c.history.onTime} final report(s) on time`);
  } else reasons.push('no track record yet');
  const components = {
    objectiveFit: round(fit),
    presence: round(presence),
    capacity: round(capacity),
    trackRecord: round(trackRecord),
  };
  const score = round(
    MATCH_WEIGHTS.objectiveFit * components.objectiveFit +
      MATCH_WEIGHTS.presence * components.presence +
      MATCH_WEIGHTS.capacity * components.capacity +
      MATCH_WEIGHTS.trackRecord * components.trackRecord,
  );
  return { organisationId: c.organisationId, acronym: c.acronym, name: c.name, score, components, reasons };
}

/**
 * Ranks candidates with some fit on the request's objectives; ties break on acronym so
 * the order never depends on the database. The first with a fit of at least one half is
 * the suggested lead.
 */
export function rankPartners(req: MatchRequest, candidates: MatchCandidate[], limit = 20): PartnerMatch[] {
  const scored = candidates
    .map((c) => scoreCandidate(req, c))
    .filter((s) => s.components.objectiveFit > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.components.objectiveFit - a.components.objectiveFit ||
        a.acronym.localeCompare(b.acronym),
    );
  const leadIdx = scored.findIndex((s) => s.components.objectiveFit >= 0.5);
  return scored.slice(0, limit).map((s, i) => ({ ...s, suggestedRole: i === leadIdx ? 'lead' : 'participating' }));
}
