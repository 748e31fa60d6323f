import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getAuth, isSecureRequest } from "#app/modules/auth/auth.server.ts";
import { blankSessionCookie, invalidateSession } from "#app/modules/auth/session.server.ts";
import { localRedirect } from "#app/modules/http.server.ts";

/** POST only: ends this session. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { session } = await getAuth(request, context);
  if (session) await invalidateSession(context.db, session.id);
  return localRedirect(request, "/", {
    headers: { "Set-Cookie": blankSessionCookie(isSecureRequest(request, context)) },
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  return localRedirect(request, "/");
}
