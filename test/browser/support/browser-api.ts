/**
 * Direct API calls for a browser suite's set-up (what another role did before the journey starts).
 * The journeys themselves go through the browser.
 */
import type { BrowserApp, DemoLogin } from './browser-app';

export interface ApiSession {
  get<T = unknown>(path: string): Promise<T>;
  post<T = unknown>(path: string, body: unknown): Promise<T>;
}

async function call<T>(
  app: BrowserApp,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function apiAs(app: BrowserApp, who: DemoLogin): Promise<ApiSession> {
  const { accessToken } = await call<{ accessToken: string }>(app, null, 'POST', '/auth/login', who);
  return {
    get: (path) => call(app, accessToken, 'GET', path),
    post: (path, body) => call(app, accessToken, 'POST', path, body),
  };
}

/** A demo request by its reference (as a hub officer sees the list). */
export async function requestByReference(
  api: ApiSession,
  reference: string,
): Promise<{ id: string; title: string; status: string }> {
  const page = await api.get<{ items: { id: string; reference: string; title: string; status: string }[] }>(
    '/requests?limit=100',
  );
  const found = page.items.find((r) => r.reference === reference);
  if (!found) throw new Error(`no demo request ${reference}`);
  return found;
}
