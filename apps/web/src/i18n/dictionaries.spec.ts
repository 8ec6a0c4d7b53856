import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import en from './en.json';
import es from './es.json';
import fr from './fr.json';

const src = join(__dirname, '..');
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? sources(join(dir, d.name))
      : /\.tsx?$/.test(d.name) && !d.name.endsWith('.spec.ts')
        ? [join(dir, d.name)]
        : [],
  );
}

describe('translations', () => {
  it.each([
    ['fr', fr],
    ['es', es],
  ])('%s has exactly the English keys, none left empty', (_, dict) => {
    expect(Object.keys(dict).sort()).toEqual(Object.keys(en).sort());
    expect(Object.entries(dict).filter(([, v]) => !String(v).trim())).toEqual([]);
  });

  it('keeps the {placeholders} of each English string', () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    for (const dict of [fr, es] as Record<string, string>[])
      for (const [k, v] of Object.entries(en as Record<string, string>))
        expect([k, names(dict[k])]).toEqual([k, names(v)]);
  });

  it('has every literal key the code uses', () => {
    const used = new Set<string>();
    for (const file of sources(src))
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([\w.]+)'/g)) used.add(m[1]);
    expect([...used].filter((k) => !(k in en))).toEqual([]);
  });
});
