import { importRequest } from './knowledge-import';

describe('knowledge import request', () => {
  it('sends a CSV as text/csv with the source in the query', () => {
    expect(importRequest('pfp.csv', 'sourceId,title\n1,A', 'gfmd-pfp', true)).toEqual({
      url: '/api/v1/knowledge/imports?source=gfmd-pfp&submitForReview=true',
      body: 'sourceId,title\n1,A',
      contentType: 'text/csv',
    });
  });

  it('wraps a JSON array of records, and takes the source from the file when none is typed', () => {
    const arr = importRequest('a.json', '[{"sourceId":"1"}]', 'x-src', false);
    expect(arr).toMatchObject({ url: '/api/v1/knowledge/imports', contentType: 'application/json' });
    expect(JSON.parse((arr as { body: string }).body)).toEqual({
      format: 'json',
      source: 'x-src',
      records: [{ sourceId: '1' }],
      submitForReview: false,
    });
    const obj = importRequest('b.JSON', '{"source":"gfmd-pfp","records":[]}', '', false);
    expect(JSON.parse((obj as { body: string }).body).source).toBe('gfmd-pfp');
  });

  it('refuses other files and broken JSON', () => {
    expect(importRequest('a.xlsx', '', 's', false)).toEqual({ error: 'import.badType' });
    expect(importRequest('a.json', '{', 's', false)).toEqual({ error: 'import.badJson' });
    expect(importRequest('a.json', '{"x":1}', 's', false)).toEqual({ error: 'import.badJson' });
  });
});
