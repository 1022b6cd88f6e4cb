import { createMethodMiddlewareDecorator, Extensions } from 'type-graphql';
import { DomainError } from '../domain/shared/errors';
import { hasAnyRole, type Role } from '../domain/shared/viewer';
import type { Context } from './context';

/** The access rule every root operation declares; published on the field as `extensions.access`. */
export type AccessRule = { public: true } | { roles: Role[] };

export const ACCESS_EXTENSION = 'access';

function guard(roles: readonly Role[]) {
  return createMethodMiddlewareDecorator<Context>(async ({ context }, next) => {
    if (context.viewer.roles.length === 0) throw new DomainError('UNAUTHENTICATED', 'Sign in to do this');
    if (!hasAnyRole(context.viewer, roles)) throw new DomainError('FORBIDDEN', 'Your role does not allow this operation');
    return next();
  });
}

/** Only callers holding one of `roles` may run this operation. */
export function Allow(...roles: Role[]): MethodDecorator {
  if (roles.length === 0) throw new Error('Allow() needs at least one role; use Public() for open operations');
  const rule: AccessRule = { roles };
  const extensions = Extensions({ [ACCESS_EXTENSION]: rule });
  const check = guard(roles);
  return (target, key, descriptor) => {
    extensions(target, key, descriptor);
    check(target, key, descriptor);
  };
}

/** Anyone may run this operation, without a token. */
export function Public(): MethodDecorator {
  return Extensions({ [ACCESS_EXTENSION]: { public: true } satisfies AccessRule }) as MethodDecorator;
}
