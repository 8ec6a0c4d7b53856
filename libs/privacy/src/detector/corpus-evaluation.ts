import { PERSONAL_DATA_KINDS, PersonalDataKind, scan } from './personal-data.detector';

/** One labelled snippet of test/fixtures/personal-data/corpus-*.jsonl: the kinds of personal data it holds. */
export interface LabelledSnippet {
  lang: string;
  kinds: PersonalDataKind[];
  text: string;
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface Evaluation {
  overall: Score;
  byKind: Record<string, Score>;
  byLanguage: Record<string, Score>;
  /** Snippets where the detector and the label disagree, for reading. */
  errors: { lang: string; text: string; missed: string[]; extra: string[] }[];
}

/**
 * Precision and recall at the level of (snippet, kind): a kind the detector reports in a snippet
 * labelled with it is a true positive, reported but not labelled a false positive, labelled but not
 * reported a false negative. Several findings of one kind in one snippet count once.
 */
export function evaluate(corpus: readonly LabelledSnippet[]): Evaluation {
  const counts = () => ({ tp: 0, fp: 0, fn: 0 });
  const overall = counts();
  const byKind: Record<string, ReturnType<typeof counts>> = {};
  const byLanguage: Record<string, ReturnType<typeof counts>> = {};
  const errors: Evaluation['errors'] = [];
  for (const s of corpus) {
    const found = new Set(scan(s.text, { language: s.lang }).map((f) => f.kind));
    const labelled = new Set(s.kinds);
    const missed: string[] = [];
    const extra: string[] = [];
    for (const kind of PERSONAL_DATA_KINDS) {
      const outcome =
        found.has(kind) && labelled.has(kind) ? 'tp' : found.has(kind) ? 'fp' : labelled.has(kind) ? 'fn' : null;
      if (!outcome) continue;
      for (const c of [overall, (byKind[kind] ??= counts()), (byLanguage[s.lang] ??= counts())]) c[outcome]++;
      if (outcome === 'fn') missed.push(kind);
      if (outcome === 'fp') extra.push(kind);
    }
    if (missed.length || extra.length) errors.push({ lang: s.lang, text: s.text, missed, extra });
  }
  const score = (c: ReturnType<typeof counts>): Score => ({
    ...c,
    precision: c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1,
    recall: c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1,
  });
  const map = (r: Record<string, ReturnType<typeof counts>>) =>
    Object.fromEntries(Object.entries(r).map(([k, c]) => [k, score(c)]));
  return { overall: score(overall), byKind: map(byKind), byLanguage: map(byLanguage), errors };
}

/** The evaluation as a Markdown table: one row per kind, per language, and overall. */
export function formatEvaluation(e: Evaluation): string {
  const row = (name: string, s: Score) =>
    `| ${name} | ${s.tp} | ${s.fp} | ${s.fn} | ${s.precision.toFixed(3)} | ${s.recall.toFixed(3)} |`;
  return [
    '| | TP | FP | FN | precision | recall |',
    '|---|---|---|---|---|---|',
    ...Object.entries(e.byKind).map(([k, s]) => row(k, s)),
    ...Object.entries(e.byLanguage).map(([k, s]) => row(`language ${k}`, s)),
    row('overall', e.overall),
  ].join('\n');
}
