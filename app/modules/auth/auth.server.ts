import { type AppLoadContext, redirect } from "@remix-run/node";
import { isHttpsOrigin } from "#app/lib/origin.ts";
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
  /** The user's unread notifications (0 without a user), read with the session. */
  unread: number;
}

// Loaders of one request (root and route) share one lookup.
const perRequest = new WeakMap<Request, Promise<AuthState>>();

/**
 * Whether the site is served over https: APP_ORIGIN when it is set, otherwise the request's
 * protocol (Express takes X-Forwarded-Proto only from the proxies TRUST_PROXY names). Decides
 * `Secure` and the `__Host-` name of the session cookie.
 */
export function isSecureRequest(request: Request, context: AppLoadContext): boolean {
  return isHttpsOrigin(request, context.env.APP_ORIGIN);
}

export function getAuth(request: Request, context: AppLoadContext): Promise<AuthState> {
  let state = perRequest.get(request);
  if (!state) {
    state = resolveAuth(request, context);
    perRequest.set(request, state);
  }
  return state;
}

async function resolveAuth(request: Request, context: AppLoadContext): Promise<AuthState> {
  const secure = isSecureRequest(request, context);
  const token = tokenFromRequest(request, secure);
  if (!token) return { user: null, session: null, setCookie: staleSessionCookie(request, secure), unread: 0 };
  const result = await validateSessionToken(context.db, token);
  if (!result) return { user: null, session: null, setCookie: blankSessionCookie(secure), unread: 0 };
  return {
    user: result.user,
    session: result.session,
    setCookie: result.renewed ? sessionCookie(token, result.session.expiresAt, secure) : null,
    unread: result.unread,
  };
}

export async function getUser(request: Request, context: AppLoadContext): Promise<SessionUser | null> {
  return (await getAuth(request, context)).user;
}

/** The logged-in user, or a redirect to /inloggen that comes back here afterwards. */
export async function requireUser(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await getUser(request, context);
  if (!user) {
    const url = new URL(request.url);
    const back = request.method === "GET" ? url.pathname + url.search : url.pathname;
    throw redirect(`/inloggen?${new URLSearchParams({ redirectTo: back })}`);
  }
  return user;
}

export function forbidden(): never {
  throw new Response("Geen toegang", { status: 403 });
}

export async function requireRole(
  request: Request,
  context: AppLoadContext,
  role: Role,
): Promise<SessionUser> {
  const user = await requireUser(request, context);
  if (!hasRole(user.role, role)) forbidden();
  return user;
}

export async function requirePermission(
  request: Request,
  context: AppLoadContext,
  permission: Permission,
): Promise<SessionUser> {
  const user = await requireUser(request, context);
  if (!can(user.role, permission)) forbidden();
  return user;
}

/** Starts a new session (every login gets one) and returns the cookie to set. */
export async function startSession(
  request: Request,
  context: AppLoadContext,
  userId: string,
): Promise<string> {
  const { token, cookieExpiresAt } = await createSession(context.db, userId);
  return sessionCookie(token, cookieExpiresAt, isSecureRequest(request, context));
}
