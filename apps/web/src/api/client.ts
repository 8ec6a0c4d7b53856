import createClient from 'openapi-fetch';
import type { paths } from './schema';
import type { Problem, TokenPair } from './model';

/** An API answer that was not 2xx, carrying its problem+json body. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

const REFRESH_KEY = 'cbm.refreshToken';

// The access token lives in memory only; the refresh token survives a reload
// (localStorage) so a signed-in user stays signed in. It rotates on every use.
let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<(signedIn: boolean) => void>();

export const tokens = {
  get access() {
    return accessToken;
  },
  get refresh() {
    try {
      return localStorage.getItem(REFRESH_KEY);
    } catch {
      return null;
    }
  },
  set(pair: TokenPair | null) {
    accessToken = pair?.accessToken ?? null;
    try {
      if (pair) localStorage.setItem(REFRESH_KEY, pair.refreshToken);
      else localStorage.removeItem(REFRESH_KEY);
    } catch {
      /* storage disabled: the session lasts until reload */
    }
    listeners.forEach((l) => l(pair !== null));
  },
  onChange(listener: (signedIn: boolean) => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

async function refreshOnce(): Promise<boolean> {
  const refreshToken = tokens.refresh;
  if (!refreshToken) return false;
  refreshing ??= (async () => {
    try {
      const res = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
      if (!res.ok) {
        tokens.set(null);
        return false;
      }
      tokens.set((await res.json()) as TokenPair);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Restores the session after a reload: trade the stored refresh token for an access token. */
export function restoreSession(): Promise<boolean> {
  if (accessToken) return Promise.resolve(true);
  return refreshOnce();
}

const isAuthCall = (url: string) => /\/api\/v1\/auth\/(login|refresh)$/.test(new URL(url, location.origin).pathname);

async function authFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  if (accessToken && !request.headers.has('authorization'))
    request.headers.set('authorization', `Bearer ${accessToken}`);
  const res = await fetch(request);
  if (res.status !== 401 || isAuthCall(request.url) || !tokens.refresh) return res;
  // Expired access token: refresh once (shared by concurrent calls) and retry.
  if (!(await refreshOnce())) return res;
  retry.headers.set('authorization', `Bearer ${accessToken}`);
  return fetch(retry);
}

export const client = createClient<paths>({
  baseUrl: '',
  fetch: authFetch,
  headers: { accept: 'application/json, application/problem+json' },
});

/** Turns an openapi-fetch answer into its data (typed by the route's response schema) or a thrown ApiError. */
export async function unwrap<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  let result: { data?: D; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError(0, { status: 0, code: 'NETWORK', detail: undefined });
  }
  const { data, error, response } = result;
  if (!response.ok) {
    const problem: Problem =
      error && typeof error === 'object'
        ? { status: response.status, ...(error as object) }
        : { status: response.status, detail: typeof error === 'string' ? error : undefined };
    throw new ApiError(response.status, problem);
  }
  // a 2xx without a body (204) has no data: only routes typed so (void) answer that way
  return data as D;
}

/** The items of a list answer, whether it is an array or a keyset page. */
export function itemsOf<T>(data: T[] | { items: T[] }): T[] {
  return Array.isArray(data) ? data : data.items;
}

/** A fresh key per user action, reused if the same action is retried. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
