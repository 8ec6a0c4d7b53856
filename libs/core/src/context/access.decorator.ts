import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension, getSchemaPath } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_MEDIA_TYPE, ProblemDto } from '../http/openapi';
import type { Actor, Role } from './actor';

export const ACCESS_KEY = 'cbm:access';
export type AccessRule = { kind: 'public' } | { kind: 'signed_in' } | { kind: 'roles'; roles: Role[] };

/**
 * The rule for the guard, and the same rule in OpenAPI as `x-access` (read by the hostile-input and
 * authorisation suites, and by `accessInOpenApi` for each operation's security and 401/403 answers).
 */
function declare(rule: AccessRule) {
  return applyDecorators(SetMetadata(ACCESS_KEY, rule), ApiExtension('x-access', rule));
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

const problemAnswer = (description: string) => ({
  description,
  content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
});

/**
 * Sets every operation's `security`, and its 401/403 answers, from its `x-access` rule, so the
 * document cannot say other than the guard enforces: open routes get `security: []`, every other
 * the bearer token and a 401, role-restricted ones a 403 too. A route that declares no rule is
 * refused by the guard, and here too. (The document needs the ProblemDto schema: ApiProblems or
 * extraModels brings it.)
 */
export function accessInOpenApi(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const rule = (operation as { 'x-access'?: AccessRule })['x-access'];
      if (!rule) throw new Error(`${method.toUpperCase()} ${path} declares no access rule`);
      if (rule.kind === 'public') {
        operation.security = [];
        continue;
      }
      operation.security = [{ [BEARER_SCHEME]: [] }];
      operation.responses['401'] ??= problemAnswer('Sign in first: the access token is missing, expired or not valid');
      if (rule.kind === 'roles')
        operation.responses['403'] ??= problemAnswer(`For ${rule.roles.join(', ')} only, or outside the caller scope`);
    }
  }
  return document;
}
