import { diffSnapshots, lineDiff } from './version-diff';

describe('version diff', () => {
  it('names only the changed fields, with added and removed values for lists', () => {
    const changes = diffSnapshots(
      { title: 'A', tags: ['x', 'y'], objectives: [1], year: null },
      { title: 'A', tags: ['y', 'z'], objectives: [1], year: 2024 },
    );
    expect(changes).toEqual([
      { field: 'tags', from: ['x', 'y'], to: ['y', 'z'], added: ['z'], removed: ['x'] },
      { field: 'year', from: null, to: 2024 },
    ]);
  });

  it('diffs multi-line text by lines', () => {
    const [body] = diffSnapshots({ body: 'one\ntwo\nthree' }, { body: 'one\n2\nthree\nfour' });
    expect(body.lines).toEqual([
      { op: ' ', text: 'one' },
      { op: '-', text: 'two' },
      { op: '+', text: '2' },
      { op: ' ', text: 'three' },
      { op: '+', text: 'four' },
    ]);
  });

  it('rebuilds both sides from a line diff', () => {
    const a = ['a', 'b', 'c', 'd', 'e'];
    const b = ['x', 'b', 'c', 'y', 'e', 'z'];
    const d = lineDiff(a, b);
    expect(d.filter((l) => l.op !== '+').map((l) => l.text)).toEqual(a);
    expect(d.filter((l) => l.op !== '-').map((l) => l.text)).toEqual(b);
  });
});
