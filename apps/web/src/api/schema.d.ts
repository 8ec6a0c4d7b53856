/**
 * HAND-WRITTEN STAND-IN for the generated OpenAPI types.
 * Regenerate from the running API with `node apps/web/scripts/gen-api.mjs`
 * (writes this file from /api/docs-json with openapi-typescript).
 * Only the operations the web app calls are listed here, in openapi-typescript's shape.
 */
/* eslint-disable */
type Json<T> = { content: { 'application/json': T } };
type Ok<T> = { 200: { headers: { [name: string]: unknown } } & Json<T>; 201?: { headers: { [name: string]: unknown } } & Json<T> };
type Problem = { default: { headers: { [name: string]: unknown } } & { content: { 'application/problem+json': components['schemas']['Problem'] } } };
type Params<Q, P> = { query?: Q; header?: Record<string, string>; cookie?: never } & ([P] extends [never] ? { path?: never } : { path: P });
type Op<Q, P, B, R> = { parameters: Params<Q, P>; responses: Ok<R> & Problem } & ([B] extends [never] ? { requestBody?: never } : { requestBody: Json<B> });
type Get<Q, P, R> = { parameters: Params<Q, P>; requestBody?: never; responses: Ok<R> & Problem };
type Id = { id: string };
type NoPath = never;
type Page<T> = { items: T[]; nextCursor: string | null };
type S = components['schemas'];

export interface components {
  schemas: {
    Problem: { type?: string; title?: string; status: number; detail?: string; code?: string; [k: string]: unknown };
    Money: { amount: string; currency: string };
    TokenPair: { accessToken: string; refreshToken: string; expiresIn: number };
    Me: { id: string; email: string; name: string; role: string; countryCode?: string | null; organisationId?: string | null };
    Any: { [k: string]: unknown };
  };
}

export interface paths {
  '/api/v1/auth/login': { post: Op<never, NoPath, { email: string; password: string }, S['TokenPair']> };
  '/api/v1/auth/refresh': { post: Op<never, NoPath, { refreshToken: string }, S['TokenPair']> };
  '/api/v1/auth/logout': { post: Op<never, NoPath, { refreshToken?: string }, S['Any']> };
  '/api/v1/auth/me': { get: Get<never, NoPath, S['Me']> };
  '/api/v1/users': {
    get: Get<{ limit?: number; cursor?: string; role?: string; q?: string }, NoPath, Page<S['Any']>>;
    post: Op<never, NoPath, S['Any'], S['Any']>;
  };
  '/api/v1/users/{id}': { get: Get<never, Id, S['Any']>; patch: Op<never, Id, S['Any'], S['Any']> };
  '/api/v1/reference/objectives': { get: Get<never, NoPath, S['Any'][]> };
  '/api/v1/reference/principles': { get: Get<never, NoPath, S['Any'][]> };
  '/api/v1/reference/countries': { get: Get<never, NoPath, S['Any'][]> };
  '/api/v1/reference/currencies': { get: Get<never, NoPath, S['Any'][]> };
  '/api/v1/reference/assessment-criteria': { get: Get<never, NoPath, S['Any'][]> };
  '/api/v1/organisations': {
    get: Get<{ limit?: number; cursor?: string; type?: string; q?: string }, NoPath, Page<S['Any']> | S['Any'][]>;
    post: Op<never, NoPath, S['Any'], S['Any']>;
  };
  '/api/v1/organisations/{id}': { get: Get<never, Id, S['Any']>; patch: Op<never, Id, S['Any'], S['Any']> };
  '/api/v1/notifications': { get: Get<{ limit?: number; cursor?: string; unread?: boolean }, NoPath, Page<S['Any']>> };
  '/api/v1/notifications/{id}/read': { post: Op<never, Id, never, S['Any']> };
  '/api/v1/requests': {
    get: Get<
      { limit?: number; cursor?: string; status?: string; countryCode?: string; objective?: number; assigneeId?: string; overdue?: boolean },
      NoPath,
      Page<S['Any']>
    >;
    post: Op<never, NoPath, S['Any'], S['Any']>;
  };
  '/api/v1/requests/{id}': { get: Get<never, Id, S['Any']>; patch: Op<never, Id, S['Any'], S['Any']> };
  '/api/v1/requests/{id}/actions/{action}': { post: Op<never, { id: string; action: string }, S['Any'], S['Any']> };
  '/api/v1/requests/{id}/timeline': { get: Get<{ limit?: number; cursor?: string }, Id, Page<S['Any']> | S['Any'][]> };
  '/api/v1/requests/{id}/comments': { post: Op<never, Id, { body: string; internal?: boolean }, S['Any']> };
  '/api/v1/requests/{id}/assessment': { get: Get<never, Id, S['Any']>; put: Op<never, Id, S['Any'], S['Any']> };
  '/api/v1/requests/{id}/partner-matches': { get: Get<never, Id, Page<S['Any']> | S['Any'][]> };
  '/api/v1/requests/{id}/invitations': { get: Get<never, Id, Page<S['Any']> | S['Any'][]>; post: Op<never, Id, { organisationId: string; role: string }, S['Any']> };
  '/api/v1/requests/{id}/similar': { get: Get<never, Id, Page<S['Any']> | S['Any'][]> };
  '/api/v1/invitations': { get: Get<{ status?: string; limit?: number; cursor?: string }, NoPath, Page<S['Any']>> };
  '/api/v1/invitations/{id}/accept': { post: Op<never, Id, S['Any'], S['Any']> };
  '/api/v1/invitations/{id}/decline': { post: Op<never, Id, { reason: string }, S['Any']> };
  '/api/v1/fund/summary': { get: Get<never, NoPath, S['Any']> };
  '/api/v1/fund/contributions': { get: Get<{ limit?: number; cursor?: string }, NoPath, Page<S['Any']>>; post: Op<never, NoPath, S['Any'], S['Any']> };
  '/api/v1/fund/contributions/{id}/tracing': { get: Get<never, Id, S['Any']> };
  '/api/v1/fund/allocations': { get: Get<{ status?: string; limit?: number; cursor?: string }, NoPath, Page<S['Any']>>; post: Op<never, NoPath, S['Any'], S['Any']> };
  '/api/v1/fund/allocations/{id}/approve': { post: Op<never, Id, { decisionRef: string; note?: string }, S['Any']> };
  '/api/v1/fund/allocations/{id}/reject': { post: Op<never, Id, { decisionRef: string; note?: string }, S['Any']> };
  '/api/v1/open/knowledge': {
    get: Get<
      { q?: string; kind?: string; objective?: number; country?: string; region?: string; organisation?: string; year?: number; limit?: number; cursor?: string },
      NoPath,
      Page<S['Any']> & { total: number; facets: S['Any'] }
    >;
  };
  '/api/v1/open/knowledge/{id}': { get: Get<never, Id, S['Any']> };
}
