import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ApiProblems } from '../http/openapi';
import type { Actor, Role } from './actor';

export const ACCESS_KEY = 'cbm:access';
export type AccessRule = { kind: 'public' } | { kind: 'signed_in' } | { kind: 'roles'; roles: Role[] };

/**
 * The rule for the guard, and the same rule in OpenAPI: as `x-access` (read by the hostile-input
 * and authorisation suites and by `securityFromAccess`) and as the 401/403 answers it can give.
 */
function declare(rule: AccessRule) {
  return applyDecorators(
    SetMetadata(ACCESS_KEY, rule),
    ApiExtension('x-access', rule),
    ...(rule.kind === 'public' ? [] : [rule.kind === 'roles' ? ApiProblems(401, 403) : ApiProblems(401)]),
  );
}

/** Every route declares who may call it; the guard refuses routes that declare nothing. */
export const Access = (...roles: Role[]) => declare({ kind: 'roles', roles });
export const Public = () => declare({ kind: 'public' });
export const SignedIn = () => declare({ kind: 'signed_in' });

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<{ user?: Actor }>();
  return req.user as Actor;
});

/** The signed-in actor if there is one (for public routes that show more to staff). */
export const OptionalActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor | undefined => {
  return ctx.switchToHttp().getRequest<{ user?: Actor }>().user;
});

export const BEARER_SCHEME = 'bearer';

/**
 * Sets every operation's `security` from its `x-access` rule, so the document cannot say other
 * than the guard enforces: open routes get `[]`, every other the bearer token. An operation that
 * declares no rule is refused by the guard, and here too.
 */
export function securityFromAccess(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const rule = (operation as { 'x-access'?: AccessRule })['x-access'];
      if (!rule) throw new Error(`${method.toUpperCase()} ${path} declares no access rule`);
      operation.security = rule.kind === 'public' ? [] : [{ [BEARER_SCHEME]: [] }];
    }
  }
  return document;
}
