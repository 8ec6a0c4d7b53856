import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ACCESS_KEY, AccessRule, Actor, createValidationPipe } from '@cbm/core';
import { AuthError } from './auth.errors';
import { LoginDto } from './dto/auth.dto';

/** Deny by default: a route that declares no access rule is refused for everyone. */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!rule) throw AuthError('AUTH_ACCESS_UNDECLARED', 'this route declares no access rule');
    if (rule.kind === 'public') return true;
    await (super.canActivate(context) as Promise<boolean>);
    const actor = context.switchToHttp().getRequest<{ user: Actor }>().user;
    if (rule.kind === 'roles' && !rule.roles.includes(actor.role as never)) {
      throw AuthError('AUTH_FORBIDDEN', `this action is for ${rule.roles.join(', ')}`);
    }
    return true;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err instanceof Error && 'code' in err ? err : AuthError('AUTH_TOKEN_INVALID', 'sign in first: the access token is missing, expired or not valid');
    if (!user) throw AuthError('AUTH_TOKEN_INVALID', 'sign in first: the access token is missing, expired or not valid');
    return user;
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
