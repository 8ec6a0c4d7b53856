import { Fragment } from 'react';

/**
 * Renders a search snippet whose matches the API marks with <b>…</b> or <mark>…</mark>.
 * Never injects HTML: any other tag is dropped and the text is rendered as text.
 */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(/(<\/?(?:b|mark|em|strong)>)/i);
  let highlighted = false;
  const out: { text: string; mark: boolean }[] = [];
  for (const part of parts) {
    if (/^<(b|mark|em|strong)>$/i.test(part)) highlighted = true;
    else if (/^<\/(b|mark|em|strong)>$/i.test(part)) highlighted = false;
    else if (part) out.push({ text: part.replace(/<[^>]*>/g, ''), mark: highlighted });
  }
  return (
    <span className="snippet">
      {out.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <Fragment key={i}>{p.text}</Fragment>))}
    </span>
  );
}
