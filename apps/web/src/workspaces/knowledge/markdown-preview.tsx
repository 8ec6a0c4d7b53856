import { Text } from '@mantine/core';
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';
import { useT } from '../../i18n/i18n';

/**
 * The Markdown body as the portal will show it. Rendered with marked (as the API renders it) and
 * sanitised with DOMPurify before it touches the page, so nothing an author types runs as script.
 */
export function MarkdownPreview({ markdown }: { markdown: string }) {
  const t = useT();
  const html = useMemo(
    () => DOMPurify.sanitize(marked.parse(markdown, { async: false, gfm: true }), { USE_PROFILES: { html: true } }),
    [markdown],
  );
  if (!markdown.trim())
    return (
      <Text size="sm" c="dimmed">
        {t('kw.previewEmpty')}
      </Text>
    );
  return <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />;
}
