import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ACCESS_KEY, AccessRule, Actor, createValidationPipe } from '@cbm/core';
import { AuthError } from './auth.errors';
import { LoginDto } from './dto/auth.dto';
import { AccessTokenVerifier } from './token/access-token.verifier';

/** Deny by default: a route that declares no access rule is refused for everyone. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw AuthError('AUTH_ACCESS_UNDECLARED', 'this route declares no access rule');
    if (rule.kind === 'public') return true;
    const req = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | string[] | undefined>; user?: Actor }>();
    let actor: Actor;
    try {
      actor = await this.tokens.actor(req.headers.authorization);
    } catch (err) {
      // our problems (and the database's, with their codes) go out as they are; anything else is a bad token
      throw err instanceof Error && 'code' in err
        ? err
        : AuthError('AUTH_TOKEN_INVALID', 'sign in first: the access token is missing, expired or not valid');
    }
    req.user = actor;
    if (rule.kind === 'roles' && !rule.roles.some((role) => role === actor.role)) {
      throw AuthError('AUTH_FORBIDDEN', `this action is for ${rule.roles.join(', ')}`);
    }
    return true;
  }
}

/**
 * Turns passport-local's failures into our problem codes. Guards run before pipes, so the
 * body is validated here first: a malformed one is a 400, not a failed sign-in (no throttle
 * row keyed by a 100 kB "e-mail", no audit event).
 */
@Injectable()
export class LocalLoginGuard extends AuthGuard('local') {
  private readonly validation = createValidationPipe();

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body = context.switchToHttp().getRequest<{ body?: unknown }>().body;
    await this.validation.transform(body, { type: 'body', metatype: LoginDto, data: undefined });
    return super.canActivate(context) as Promise<boolean>;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw AuthError('AUTH_INVALID_CREDENTIALS', 'The e-mail or password is not correct.');
    return user;
  }
}
