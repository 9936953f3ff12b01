import { createParameterDecorator, type AuthChecker } from 'type-graphql';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors';
import type { Loaders } from './loaders';
import type { ResponseBudget } from './response-budget';
import type { Services } from '../services';

export interface SessionCookie {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface GraphQLContext {
  principal: Principal | null;
  /** The caller's address, for login rate limits and the audit log. */
  client: string;
  services: Services;
  /** Per execution: see loaders.ts. */
  loaders: Loaders;
  /** What the answer may still weigh; absent for subscription events (one small row each). */
  responseBudget?: ResponseBudget;
  /** Present over HTTP only: a WebSocket cannot set cookies. */
  sessionCookie?: SessionCookie;
  /** Over HTTP: the request's id and its errors' codes, for its log line (http/request-context.ts). */
  request?: { readonly reqId: string; errorCodes?: string[] };
}

export const unauthenticated = () =>
  new AppError('UNAUTHENTICATED', 'Log in, or send an API token as Authorization: Bearer <token>.');

/** A1 and A2: `@Authorized()` needs a caller; `@Authorized(Role.ADMIN)` needs an admin. */
export const authChecker: AuthChecker<GraphQLContext> = ({ context }, roles) => {
  if (!context.principal) throw unauthenticated();
  if (roles.length > 0 && !roles.includes(context.principal.role)) {
    throw new AppError('FORBIDDEN', 'Your role may read but not change anything; ask an admin.');
  }
  return true;
};

/** The authenticated caller; use with `@Authorized`. */
export function CurrentPrincipal() {
  return createParameterDecorator<GraphQLContext>(({ context }) => {
    if (!context.principal) throw unauthenticated();
    return context.principal;
  });
}
