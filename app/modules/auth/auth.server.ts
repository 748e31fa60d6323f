import type { AppLoadContext } from "@remix-run/node";
import { localeFromRequest } from "#app/i18n/index.ts";
import { pageResponse } from "#app/lib/errors.ts";
import { isHttpsOrigin } from "#app/lib/origin.ts";
import { localRedirect } from "#app/modules/http.server.ts";
import type { Role } from "#db/schema/auth.ts";
import { can, hasRole, type Permission } from "./permissions.ts";
import {
  blankSessionCookie,
  createSession,
  type Session,
  type SessionUser,
  sessionCookie,
  staleSessionCookie,
  tokenFromRequest,
  validateSessionToken,
} from "./session.server.ts";

export type { SessionUser };

export interface AuthState {
  user: SessionUser | null;
  session: Session | null;
  /** A Set-Cookie value to send: the renewed session, or a blank one for a dead session. */
  setCookie: string | null;
  /** The password was right, the second factor is still to come (user is then null). */
  pendingSecondFactor: { userId: string } | null;
  /** The user's unread notifications (0 without a user), read with the session. */
  unread: number;
}

// Loaders of one request (root and route) share one lookup: through the load context's
// `loaderShared` (a GET: Remix gives each loader its own Request), else per Request object.
const perRequest = new WeakMap<Request, Promise<AuthState>>();
const AUTH = Symbol("auth");

/**
 * Whether the site is served over https: APP_ORIGIN when it is set, otherwise the request's
 * protocol (Express takes X-Forwarded-Proto only from the proxies TRUST_PROXY names). Decides
 * `Secure` and the `__Host-` name of the session cookie.
 */
export function isSecureRequest(request: Request, context: AppLoadContext): boolean {
  return isHttpsOrigin(request, context.env.APP_ORIGIN);
}

export function getAuth(request: Request, context: AppLoadContext): Promise<AuthState> {
  const shared = context.loaderShared;
  let state = (shared?.get(AUTH) as Promise<AuthState> | undefined) ?? perRequest.get(request);
  if (!state) {
    state = resolveAuth(request, context);
    perRequest.set(request, state);
    shared?.set(AUTH, state);
  }
  return state;
}

async function resolveAuth(request: Request, context: AppLoadContext): Promise<AuthState> {
  const secure = isSecureRequest(request, context);
  const token = tokenFromRequest(request, secure);
  const none = { user: null, session: null, pendingSecondFactor: null, unread: 0 };
  if (!token) return { ...none, setCookie: staleSessionCookie(request, secure) };
  const result = await validateSessionToken(context.db, token);
  if (!result) return { ...none, setCookie: blankSessionCookie(secure) };
  return {
    user: result.user,
    session: result.session,
    setCookie: result.renewed ? sessionCookie(token, result.session.expiresAt, secure) : null,
    pendingSecondFactor: result.pendingSecondFactor ?? null,
    unread: result.unread,
  };
}

export async function getUser(request: Request, context: AppLoadContext): Promise<SessionUser | null> {
  return (await getAuth(request, context)).user;
}

/** Where to come back to after logging in: this page (for a POST, its path only). */
function backHere(request: Request): string {
  const url = new URL(request.url);
  return request.method === "GET" ? url.pathname + url.search : url.pathname;
}

/**
 * The logged-in user, or a redirect that comes back here afterwards: to /inloggen, or to
 * /inloggen/code when the password was given but the second factor not yet.
 */
export async function requireUser(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const { user, pendingSecondFactor } = await getAuth(request, context);
  if (!user) {
    const path = pendingSecondFactor ? "/inloggen/code" : "/inloggen";
    throw localRedirect(request, `${path}?${new URLSearchParams({ redirectTo: backHere(request) })}`);
  }
  return user;
}

/**
 * A moderator or admin without a second factor who needs their role goes to set one up first
 * (and comes back here); anyone else without the right gets a 403.
 */
function refuse(request: Request, user: SessionUser, wouldAllow: (role: Role) => boolean): never {
  if (user.roleAwaitingSecondFactor && wouldAllow(user.roleAwaitingSecondFactor)) {
    throw localRedirect(
      request,
      `/account/tweede-factor?${new URLSearchParams({ redirectTo: backHere(request) })}`,
    );
  }
  forbidden(request);
}

/** Throws the 403 error page, its text in the request's language. */
export function forbidden(request: Pick<Request, "url">): never {
  throw pageResponse(403, localeFromRequest(request));
}

export async function requireRole(
  request: Request,
  context: AppLoadContext,
  role: Role,
): Promise<SessionUser> {
  const user = await requireUser(request, context);
  if (!hasRole(user.role, role)) refuse(request, user, (held) => hasRole(held, role));
  return user;
}

export async function requirePermission(
  request: Request,
  context: AppLoadContext,
  permission: Permission,
): Promise<SessionUser> {
  const user = await requireUser(request, context);
  if (!can(user.role, permission)) refuse(request, user, (held) => can(held, permission));
  return user;
}

/**
 * Starts a new session (every login gets one) and returns the cookie to set. It has not passed
 * the second factor, unless it replaces a session of the same member that had
 * (`secondFactorPassed`, after a password change on the account page).
 */
export async function startSession(
  request: Request,
  context: AppLoadContext,
  userId: string,
  { secondFactorPassed = false }: { secondFactorPassed?: boolean } = {},
): Promise<string> {
  const { token, cookieExpiresAt } = await createSession(context.db, userId, new Date(), secondFactorPassed);
  return sessionCookie(token, cookieExpiresAt, isSecureRequest(request, context));
}
