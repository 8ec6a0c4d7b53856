import { tokens } from '../api/client';

export interface Progress {
  received: number;
  /** From Content-Length; null when the server streams without announcing a length. */
  total: number | null;
}

/** 0-100 when the size is known, else null (the UI then shows the bytes received). */
export function percentOf(p: Progress): number | null {
  if (p.total === null || p.total <= 0) return null;
  return Math.min(100, Math.floor((p.received * 100) / p.total));
}

/** "12.5 kB" style sizes, in the reader's language. */
export function formatBytes(bytes: number, lang: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

/**
 * Fetches a file that needs the bearer token (so it cannot be a plain link), reporting progress
 * as the body streams in, then hands it to the browser as a download.
 */
export async function downloadFile(
  url: string,
  filename: string,
  opts: { accept: string; onProgress?: (p: Progress) => void; signal?: AbortSignal },
): Promise<void> {
  const res = await fetch(url, {
    headers: { accept: opts.accept, authorization: `Bearer ${tokens.access ?? ''}` },
    signal: opts.signal,
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const chunks: BlobPart[] = [];
  let received = 0;
  opts.onProgress?.({ received, total });
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      opts.onProgress?.({ received, total });
    }
  } else {
    chunks.push(await res.arrayBuffer());
  }
  const href = URL.createObjectURL(new Blob(chunks, { type: res.headers.get('content-type') ?? opts.accept }));
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.click();
  // revoked on the next tick: some browsers read the URL after click() returns
  setTimeout(() => URL.revokeObjectURL(href), 0);
}
