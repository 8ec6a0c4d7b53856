import { ApiError, tokens } from '../api/client';
import type { Problem } from '../api/model';
import type { Progress } from './download';

/**
 * Sends a body (text, a file, or a multipart form) with XMLHttpRequest so the upload reports progress (fetch cannot), with the
 * bearer token; a non-2xx answer becomes an ApiError carrying the problem+json body.
 */
export function uploadWithProgress<T>(
  url: string,
  body: string | Blob | FormData,
  opts: { contentType?: string; onProgress?: (p: Progress) => void; signal?: AbortSignal },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    // FormData sets its own multipart boundary
    if (opts.contentType) xhr.setRequestHeader('content-type', opts.contentType);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    if (tokens.access) xhr.setRequestHeader('authorization', `Bearer ${tokens.access}`);
    xhr.upload.onprogress = (e) =>
      opts.onProgress?.({ received: e.loaded, total: e.lengthComputable ? e.total : null });
    xhr.onerror = () => reject(new ApiError(0, { status: 0, code: 'NETWORK', detail: undefined }));
    xhr.onabort = () => reject(new ApiError(0, { status: 0, code: 'ABORTED', detail: undefined }));
    xhr.onload = () => {
      let parsed: unknown = undefined;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        parsed = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as T);
      else {
        const problem: Problem =
          parsed && typeof parsed === 'object'
            ? { status: xhr.status, ...(parsed as object) }
            : { status: xhr.status, detail: typeof parsed === 'string' ? parsed : undefined };
        reject(new ApiError(xhr.status, problem));
      }
    };
    opts.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}
