import { markdownToText, renderMarkdown } from './markdown';

describe('markdown', () => {
  it('renders structure and strips scripts, handlers and dangerous links', () => {
    const html = renderMarkdown(
      '# Title\n\n**bold** <img src=x onerror=alert(1)> <script>alert(1)</script>\n\n[a](javascript:alert(1)) [b](https://ok.example)\n\n<iframe src="https://evil"></iframe>',
    );
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).not.toMatch(/<script|onerror|javascript:|<iframe|<img/);
    expect(html).toContain('<a href="https://ok.example" rel="noopener noreferrer nofollow">b</a>');
  });

  it('reduces Markdown to plain text for search and snippets', () => {
    expect(markdownToText('## Lessons\n\n- **Fees** fell & rose\n- <b>x</b>')).toBe('Lessons Fees fell & rose x');
  });
});
