/** Field-level comparison of two version snapshots; text fields also get a line diff. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
  added?: unknown[];
  removed?: unknown[];
  lines?: { op: '+' | '-' | ' '; text: string }[];
}

export function diffSnapshots(a: Record<string, unknown>, b: Record<string, unknown>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const from = a[field] ?? null;
    const to = b[field] ?? null;
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    const change: FieldChange = { field, from, to };
    if (Array.isArray(from) || Array.isArray(to)) {
      const fa = (Array.isArray(from) ? from : []).map((v) => JSON.stringify(v));
      const ta = (Array.isArray(to) ? to : []).map((v) => JSON.stringify(v));
      change.added = ta.filter((v) => !fa.includes(v)).map((v) => JSON.parse(v) as unknown);
      change.removed = fa.filter((v) => !ta.includes(v)).map((v) => JSON.parse(v) as unknown);
    } else if (typeof from === 'string' && typeof to === 'string' && (from.includes('\n') || to.includes('\n'))) {
      change.lines = lineDiff(from.split('\n'), to.split('\n'));
    }
    changes.push(change);
  }
  return changes;
}

/** Longest-common-subsequence line diff; inputs are item bodies (bounded by validation). */
export function lineDiff(a: string[], b: string[]): { op: '+' | '-' | ' '; text: string }[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: { op: '+' | '-' | ' '; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: ' ', text: a[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push({ op: '-', text: a[i++] });
    else out.push({ op: '+', text: b[j++] });
  }
  while (i < n) out.push({ op: '-', text: a[i++] });
  while (j < m) out.push({ op: '+', text: b[j++] });
  return out;
}
